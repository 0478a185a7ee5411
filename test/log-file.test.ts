// The server's log file (docs/operations.md, "Logs"): with LOG_DIR set, `next start` and
// `npm run serve` write their JSON log lines to LOG_DIR/planning-hub.log as well as to stdout;
// under serve the lines of every worker land in that one file, which only the primary holds open
// (a second writer would rotate it under the first); the search line the runbook uses
// finds a failed diff job by id; and rotation by size keeps at most LOG_KEEP rotated files,
// each line whole. A small LOG_MAX_BYTES makes a few hundred requests rotate many times.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'
import { bearer, usersWithTokens } from './helpers/api'
import { csv, memoryBundle, runImport, tempDir, validFiles } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { startServer, type TestServer } from './helpers/server'
import { cliActor } from '../lib/input-sets/actor'
import { reviewInputSet } from '../lib/input-sets/verbs/review'

const MAX_BYTES = 4096
const KEEP = 2
const LOG_NAME = /^planning-hub\.log(\.\d+)?$/

await useFreshDatabase()
const on = `[${dbLabel()}]`
const singleDir = tempDir('log-file-next-')
const servedDir = tempDir('log-file-serve-')
// A file where the diff cache folder should be: every diff job of the single server fails.
const blockedCache = path.join(tempDir('log-file-cache-'), 'a-file')
fs.writeFileSync(blockedCache, 'not a folder')
const logEnv = (dir: string) => ({ LOG_DIR: dir, LOG_MAX_BYTES: String(MAX_BYTES), LOG_KEEP: String(KEEP) })
const single = await startServer({ ...logEnv(singleDir), DIFF_CACHE_DIR: blockedCache, DIFF_SWEEP_SECONDS: '0' })
const served = await startServer(logEnv(servedDir), { workers: 2 })
const headers = bearer((await usersWithTokens()).viewer.token)
const planner = cliActor('planner')
await runImport(memoryBundle(validFiles()), { label: 'logs', actor: planner })
await reviewInputSet({ ref: 'logs', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
await runImport(memoryBundle({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,101') }), { label: 'logs', actor: planner })

type LogLine = { event: string; pid: number; request_id?: string; diff_job_id?: number }

/** The log files in `dir`, current first, then .1 (newest rotated) …; every name checked. */
function logFiles(dir: string): string[] {
  const names = fs.readdirSync(dir)
  for (const name of names) assert.match(name, LOG_NAME, `unexpected file in LOG_DIR: ${name}`)
  const rank = (name: string) => Number(name.split('.')[2] ?? 0)
  return names.sort((a, b) => rank(a) - rank(b)).map((name) => path.join(dir, name))
}

/** Every line of every log file, each parsed: a line cut by rotation or by two writers would not parse. */
function fileLines(dir: string): LogLine[] {
  return logFiles(dir).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line) as LogLine
        } catch {
          assert.fail(`${path.basename(file)} has a line that is not JSON: ${line.slice(0, 200)}`)
        }
      }),
  )
}

/** The file is written asynchronously: waits until `found` holds (at most 10 s). */
async function eventually<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = probe()
    if (found !== undefined) return found
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`not within 10 s: ${what}`)
}

/** One GET on a new connection (no keep-alive), so that serve's primary hands requests to the workers in turn. */
function get(server: TestServer, urlPath: string): Promise<{ status: number; requestId: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${urlPath}`, { headers, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: String(res.headers['x-request-id']) }))
    })
    req.on('error', reject)
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to GET ${urlPath} within 10 s`)))
  })
}

const LIST = '/api/plans/input_sets?page_size=1'

test(`${on} next start with LOG_DIR writes each api_request line to LOG_DIR/planning-hub.log as well as to stdout`, async () => {
  const { status, requestId } = await get(single, LIST)
  assert.equal(status, 200)
  const line = await eventually(`api_request ${requestId} in the file`, () =>
    fileLines(singleDir).find((l) => l.event === 'api_request' && l.request_id === requestId),
  )
  const stdout = single
    .log()
    .split('\n')
    .find((l) => l.includes(`"request_id":"${requestId}"`))
  assert.deepEqual(line, JSON.parse(stdout ?? '{}'), 'the file has the very line stdout has')
})

/** The operators' search line from docs/operations.md, for diff job `id`. */
function documentedSearch(id: number): string {
  const doc = fs.readFileSync(path.join(import.meta.dirname, '../docs/operations.md'), 'utf8')
  const line = doc.split('\n').find((l) => l.startsWith('rg ') && l.includes('input_set_diff_job_failed'))
  if (!line?.includes('"diff_job_id":42')) assert.fail('docs/operations.md shows no rg line for diff job 42')
  return line.replace('"diff_job_id":42', `"diff_job_id":${id}`)
}

function runSearch(command: string, logDir: string): string[] {
  const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, LOG_DIR: logDir } })
  if (/rg: (command )?not found/.test(r.stderr)) assert.fail('rg is not installed: apt-get install -y --no-install-recommends ripgrep')
  assert.ok(r.status === 0 || (r.status === 1 && !r.stderr), `${command} failed (${r.status}): ${r.stderr}`)
  return r.stdout.split('\n').filter(Boolean)
}

test(`${on} the rg line of docs/operations.md finds a failed diff job by its id in the log file, and only that job`, async () => {
  let reply: Response | undefined
  for (let i = 0; i < 100 && reply?.status !== 500; i++) {
    if (i) await new Promise((r) => setTimeout(r, 100))
    reply = await single.fetch('/api/plans/input_sets/logs@draft/diff?against=logs', { headers })
  }
  const body = (await reply?.json()) as { error?: { code: string; details: { diff_job_id: number } } }
  assert.equal(body.error?.code, 'diff_job_failed', JSON.stringify(body))
  const id = body.error.details.diff_job_id
  await eventually('the failure line in the file', () => fileLines(singleDir).find((l) => l.event === 'input_set_diff_job_failed' && l.diff_job_id === id))

  const found = runSearch(documentedSearch(id), singleDir).map((l) => JSON.parse(l) as LogLine)
  assert.deepEqual(
    found.map((l) => [l.event, l.diff_job_id]),
    [['input_set_diff_job_failed', id]],
  )
  assert.deepEqual(runSearch(documentedSearch(id * 10 + 7), singleDir), [], 'another id finds nothing')
})

test(`${on} npm run serve with LOG_DIR: the primary writes the lines of every worker to the one planning-hub.log`, async () => {
  const pids = new Set<number>()
  const ids: string[] = []
  for (let i = 0; i < 40 && pids.size < 2; i++) {
    const { status, requestId } = await get(served, LIST)
    assert.equal(status, 200)
    ids.push(requestId)
    const lines = await eventually(`api_request ${requestId} in the file`, () => {
      const all = fileLines(servedDir)
      return all.some((l) => l.request_id === requestId) ? all : undefined
    })
    for (const l of lines) if (l.event === 'api_request' && ids.includes(l.request_id ?? '')) pids.add(l.pid)
  }
  assert.equal(pids.size, 2, `api_request lines of both workers in the file (pids ${[...pids].join(', ')})`)
  const primary = fileLines(servedDir).find((l) => l.event === 'serve_starting')
  assert.ok(primary && !pids.has(primary.pid), "the primary's own lines are there too")
  // One writer: only the primary has the file open; the workers hand it their lines.
  const current = fs.realpathSync(path.join(servedDir, 'planning-hub.log'))
  assert.deepEqual(
    [primary.pid, ...pids].map((pid) => [pid, hasOpen(pid, current)]),
    [[primary.pid, true], ...[...pids].map((pid) => [pid, false])],
  )
})

/** Whether process `pid` holds `file` open (Linux /proc). */
function hasOpen(pid: number, file: string): boolean {
  const fds = `/proc/${pid}/fd`
  return fs.readdirSync(fds).some((fd) => {
    try {
      return fs.readlinkSync(path.join(fds, fd)) === file
    } catch {
      return false
    }
  })
}

/** Enough requests to fill the current file and every kept one several times over. */
async function fillPastKeep(server: TestServer, dir: string): Promise<void> {
  const requests = 150
  let last = ''
  for (let i = 0; i < requests; i++) {
    const { status, requestId } = await get(server, LIST)
    assert.equal(status, 200)
    last = requestId
  }
  const lines = await eventually('the last request in the files', () => {
    const all = fileLines(dir)
    return all.some((l) => l.request_id === last) ? all : undefined
  })
  const files = logFiles(dir).map((f) => path.basename(f))
  assert.deepEqual(
    files,
    ['planning-hub.log', ...Array.from({ length: KEEP }, (_, i) => `planning-hub.log.${i + 1}`)],
    `LOG_KEEP=${KEEP} rotated files beside the current one`,
  )
  const written = lines.filter((l) => l.event === 'api_request').length
  assert.ok(written < requests, `the oldest rotated files were deleted (${written} of ${requests} request lines left)`)
  for (const file of logFiles(dir).slice(1)) {
    const size = fs.statSync(file).size
    assert.ok(size >= MAX_BYTES && size < MAX_BYTES + 4096, `${path.basename(file)} was rotated at LOG_MAX_BYTES (${size} bytes)`)
  }
}

test(`${on} rotation by size keeps at most LOG_KEEP rotated files, every line whole: next start`, async () => {
  await fillPastKeep(single, singleDir)
})

test(`${on} rotation by size keeps at most LOG_KEEP rotated files, every line whole: npm run serve with two workers`, async () => {
  await fillPastKeep(served, servedDir)
})
