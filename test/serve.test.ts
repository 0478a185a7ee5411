// `npm run serve` (scripts/serve.ts): several workers on one port. Requests are spread over
// the workers, a scrape of /metrics sums all of them, a worker that dies is replaced while the
// others keep serving, and SIGTERM stops everything cleanly.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import { test } from 'node:test'
import { bearer, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, validFiles } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { startServer } from './helpers/server'
import { cliActor } from '../lib/input-sets/actor'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer({}, { workers: 2 })
const headers = bearer((await usersWithTokens()).viewer.token)
await runImport(memoryBundle(validFiles()), { label: 'spread', actor: cliActor('planner') })

type LogLine = { event: string; pid: number; path?: string }
const logLines = (): LogLine[] =>
  server
    .log()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)

async function workerPids(count: number): Promise<number[]> {
  for (let i = 0; i < 300; i++) {
    const ready = logLines()
      .filter((l) => l.event === 'serve_worker_ready')
      .map((l) => l.pid)
    const alive = ready.filter(isRunning)
    if (alive.length === count) return alive
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`expected ${count} live workers:\n${server.log()}`)
}

/** Running, and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

/** One GET on a new connection (no keep-alive), so the primary hands requests to the workers in turn. */
function getOnNewConnection(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${path}`, { headers, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to GET ${path} within 10 s`)))
  })
}

async function requests(path: string, n: number): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i < n; i++) statuses.push(await getOnNewConnection(path))
  return statuses
}

const EVENTS = '/api/plans/input_sets/spread/events?limit=5'

test(`${on} two workers share the requests and /metrics counts every request of both`, async () => {
  const pids = await workerPids(2)
  assert.deepEqual(new Set(await requests(EVENTS, 40)), new Set([200]))
  const servedBy = new Set(
    logLines()
      .filter((l) => l.event === 'api_request' && l.path?.endsWith('/events'))
      .map((l) => l.pid),
  )
  assert.deepEqual([...servedBy].sort(), [...pids].sort(), 'both workers answered requests')
  const text = await (await server.fetch('/metrics')).text()
  const count = /http_request_duration_seconds_count\{method="GET",route="\/api\/plans\/input_sets\/\[label\]\/events",status="2xx"\} (\d+)/.exec(text)
  assert.equal(Number(count?.[1]), 40, 'the scrape sums both workers')
})

test(`${on} a killed worker is replaced and the others keep serving`, async () => {
  const [victim, survivor] = await workerPids(2)
  process.kill(victim, 'SIGKILL')
  // A connection the primary hands over at the very moment of the crash dies with the worker
  // (node:cluster cannot take it back); from the primary's exit notice on, none go there.
  for (let i = 0; !server.log().includes('"event":"serve_worker_exited"'); i++) {
    assert.ok(i < 100, 'the primary noticed the exit')
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.deepEqual(new Set(await requests(EVENTS, 10)), new Set([200]))
  const after = await workerPids(2)
  assert.ok(after.includes(survivor) && !after.includes(victim), `replaced: ${after.join(', ')}`)
  assert.match(server.log(), new RegExp(`"event":"serve_worker_exited".*"worker_pid":${victim},.*"signal":"SIGKILL"`))
})

test(`${on} SIGTERM stops the primary and every worker`, async () => {
  const workers = await workerPids(2)
  const primary = logLines().find((l) => l.event === 'serve_starting')?.pid
  assert.ok(primary, 'the primary logged its start with its pid')
  const pids = [primary, ...workers]
  await server.kill('SIGTERM')
  // The launcher in front of the primary may exit first, and the whole process group gets the
  // signal, so the workers may be gone before the primary has run its handler: wait for all.
  for (let i = 0; pids.some(isRunning); i++) {
    assert.ok(i < 100, `processes still running 10 s after SIGTERM: ${pids.filter(isRunning).join(', ')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const log = server.log()
  // The end of the log, where a stop would be: assert.match would show only its first 10,000 characters.
  assert.ok(/"event":"serve_stopping","pid":\d+,"signal":"SIGTERM"/.test(log), `no serve_stopping line; the log ends:\n${log.slice(-3000)}`)
})
