// GET/POST /api/plans/input_sets/{label}/diff over HTTP against `next start`: 202 + job while
// pending, the job run after the response by the server itself, 200 + paged report when
// cached, bad input as 4xx, and a failed job as an error naming the job, with a retry; the
// default reference and its 400 when there is none; a section's rows as CSV; one report for
// every pair of refs that names the same two revisions.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { bearer, call, usersWithTokens, type ApiReply, type Loose } from '../helpers/api'
import { csv, memoryBundle, runImport, tempDir, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { cliActor } from '../../lib/input-sets/actor'
import { reviewInputSet } from '../../lib/input-sets/verbs/review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const cacheDir = tempDir('api-diff-cache-')
const server = await startServer({ DIFF_CACHE_DIR: cacheDir, DIFF_SWEEP_SECONDS: '0' })
const viewer = bearer((await usersWithTokens()).viewer.token)
const planner = cliActor('planner')

await runImport(memoryBundle(validFiles()), { label: 'alpha', actor: planner })
await reviewInputSet({ ref: 'alpha', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
// The draft changes two demand values, drops one row and adds one.
await runImport(memoryBundle({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,101', 'F1,2025-02,130', 'F3,2025-01,5') }), {
  label: 'alpha',
  actor: planner,
})

const diff = (query: string, method: 'GET' | 'POST' = 'GET') => call(server, method, `/api/plans/input_sets/alpha@draft/diff${query}`, { headers: viewer })

/** Asks until the report is ready; the server runs the job after its 202 response. */
async function untilReady(query: string): Promise<ApiReply<Loose>> {
  for (let i = 0; i < 100; i++) {
    const reply = await diff(query)
    if (reply.status !== 202) return reply
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('diff not ready after 10 s')
}

test(`${on} the first request answers 202 with the job, Location and Retry-After; the report follows with 200`, async () => {
  const first = await diff('')
  assert.equal(first.status, 202)
  assert.deepEqual([first.body.status, first.body.label, first.body.against], ['queued', 'alpha@draft', 'alpha'])
  assert.equal(first.headers.get('location'), '/api/plans/input_sets/alpha%40draft/diff?against=alpha')
  assert.equal(first.headers.get('retry-after'), '2')
  const ready = await untilReady('?against=alpha')
  assert.equal(ready.status, 200)
  assert.equal(ready.body.diff_job_id, first.body.diff_job_id)
  assert.deepEqual(ready.body.summary.sections.demand_family, { added: 1, removed: 1, changed: 2, unchanged: 0 })
  assert.ok(fs.existsSync(path.join(cacheDir, 'alpha@2__alpha@1.json')), 'filed under the two revisions, not the refs')
})

test(`${on} lists are paged within the cached report; section and kind narrow the answer`, async () => {
  const page1 = await untilReady('?against=alpha&section=demand_family&kind=changed&page_size=1')
  assert.deepEqual(Object.keys(page1.body.sections), ['demand_family'])
  const s = page1.body.sections.demand_family
  assert.deepEqual([s.changed.length, s.listed.changed, s.added.length, s.truncated], [1, 2, 0, false])
  assert.deepEqual(s.changed[0].key, { family: 'F1', period: '2025-01' })
  const page2 = await diff('?against=alpha&section=demand_family&kind=changed&page_size=1&page=2')
  assert.deepEqual(page2.body.sections.demand_family.changed[0].key, { family: 'F1', period: '2025-02' })
  assert.equal(page2.body.page, 2)
})

test(`${on} bad input is a 4xx naming the field: bad against, unknown section, unknown labels`, async () => {
  const bad = await diff('?against=../etc')
  assert.equal(bad.status, 400)
  assert.match(JSON.stringify(bad.body), /against/)
  assert.equal((await diff('?against=alpha&section=nope')).status, 400)
  assert.equal((await diff('?against=nosuch')).status, 404)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets/nosuch/diff?against=alpha', { headers: viewer })).status, 404)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets/alpha@draft/diff?against=alpha')).status, 401)
})

test(`${on} a failed job answers 500 diff_job_failed with its id and a retry; POST queues it again`, async () => {
  // A file where the cache folder should be: the job cannot write its report.
  fs.rmSync(cacheDir, { recursive: true, force: true })
  fs.writeFileSync(cacheDir, 'not a folder')
  let failedId: number
  try {
    const failed = await untilReady('?against=alpha')
    assert.equal(failed.status, 500)
    assert.equal(failed.body.error.code, 'diff_job_failed')
    assert.match(failed.body.error.message, /Diff job \d+ \(alpha@draft against alpha\) failed/)
    assert.deepEqual(failed.body.error.details.retry, { method: 'POST', url: '/api/plans/input_sets/alpha%40draft/diff?against=alpha' })
    assert.match(server.log(), /"event":"input_set_diff_job_failed","pid":\d+,"diff_job_id":\d+/)
    assert.equal((await diff('?against=alpha')).status, 500, 'shown again, not re-queued by a GET')
    failedId = failed.body.error.details.diff_job_id
  } finally {
    fs.rmSync(cacheDir, { force: true })
    fs.mkdirSync(cacheDir)
  }
  const retried = await diff('?against=alpha', 'POST')
  assert.equal(retried.status, 202)
  assert.notEqual(retried.body.diff_job_id, failedId)
  assert.equal((await untilReady('?against=alpha')).status, 200, 'the retried job succeeds once the folder is back')
})

// A cache file is untrusted input: anything that is not a report is treated as missing.
const cacheFile = path.join(cacheDir, 'alpha@2__alpha@1.json')
const unreadableLines = () =>
  server
    .log()
    .split('\n')
    .filter((l) => l.includes('"event":"input_set_diff_cache_unreadable"'))

/** Writes `text` as the pair's cache file; the next request must queue a rebuild (202) and then serve a correct report. */
async function assertRebuiltFrom(text: string, reason: RegExp): Promise<void> {
  assert.equal((await untilReady('?against=alpha')).status, 200, 'a good report to start from')
  const logged = unreadableLines().length
  fs.writeFileSync(cacheFile, text)
  const first = await diff('?against=alpha')
  assert.equal(first.status, 202, JSON.stringify(first.body))
  const ready = await untilReady('?against=alpha')
  assert.equal(ready.status, 200, JSON.stringify(ready.body))
  assert.equal(ready.body.diff_job_id, first.body.diff_job_id, 'served by the job that rebuilt it')
  assert.deepEqual(ready.body.summary.sections.demand_family, { added: 1, removed: 1, changed: 2, unchanged: 0 })
  assert.deepEqual(ready.body.sections.demand_family.changed[0].key, { family: 'F1', period: '2025-01' })
  const lines = unreadableLines()
    .slice(logged)
    .map((l) => JSON.parse(l))
  assert.equal(lines.length, 1, `logged once, not per request: ${JSON.stringify(lines)}`)
  assert.equal(lines[0].file, 'alpha@2__alpha@1.json', 'named relative to the cache folder')
  assert.match(lines[0].reason, reason)
}

test(`${on} a cache file with the right hashes but no report is rebuilt: 202, then 200 with a correct report`, async () => {
  await untilReady('?against=alpha')
  const { report, ...rest } = JSON.parse(fs.readFileSync(cacheFile, 'utf8'))
  assert.ok(report.revisions.current.content_hash, 'the hashes are those of the current revisions')
  await assertRebuiltFrom(JSON.stringify(rest), /not a diff report: report/)
})

test(`${on} a cache file whose lists are not lists of rows is rebuilt`, async () => {
  await untilReady('?against=alpha')
  const doc = JSON.parse(fs.readFileSync(cacheFile, 'utf8'))
  doc.report.sections.demand_family.changed = [{ key: 'F1' }]
  await assertRebuiltFrom(JSON.stringify(doc), /not a diff report: report\.sections\.demand_family\.changed\.0/)
})

test(`${on} a garbled (non-JSON) cache file is rebuilt: 202, then 200 with a correct report`, async () => {
  await assertRebuiltFrom('{"diff_job_id": 1, "report": {"revisions": \u0000 garbage', /not JSON/)
})

test(`${on} a directory where the cache file should be: 500 diff_job_failed naming the job, without the path or the pid`, async () => {
  assert.equal((await untilReady('?against=alpha')).status, 200)
  fs.rmSync(cacheFile)
  fs.mkdirSync(path.join(cacheFile, 'inside'), { recursive: true })
  let failedId: number
  try {
    const failed = await untilReady('?against=alpha')
    assert.equal(failed.status, 500, JSON.stringify(failed.body))
    assert.equal(failed.body.error.code, 'diff_job_failed')
    failedId = failed.body.error.details.diff_job_id
    const reason = `error EISDIR; the server log has the details (event input_set_diff_job_failed, diff_job_id ${failedId})`
    assert.equal(failed.body.error.message, `Diff job ${failedId} (alpha@draft against alpha) failed: ${reason}`)
    assert.equal(failed.body.error.details.error, reason)
    // The server log has the whole error: the path, and the temp file named with the pid.
    const logged = server
      .log()
      .split('\n')
      .filter((l) => l.includes('"event":"input_set_diff_job_failed"'))
      .map((l) => JSON.parse(l))
      .find((l) => l.diff_job_id === failedId)
    assert.ok(logged, 'the failure is logged')
    assert.ok(logged.error.includes(cacheFile), `the log names the path: ${logged.error}`)
    assert.ok(logged.error.includes(`.${logged.pid}.`), `the log names the temp file with the pid: ${logged.error}`)
    const body = JSON.stringify(failed.body)
    assert.ok(!body.includes(cacheDir), `no server path in ${body}`)
    assert.ok(!body.includes(`.${logged.pid}.`) && !body.includes(`:${logged.pid}:`), `no pid in ${body}`)
    assert.doesNotMatch(body, /EISDIR:|illegal operation|rename|\.tmp/)
  } finally {
    fs.rmSync(cacheFile, { recursive: true, force: true })
  }
  const retried = await diff('?against=alpha', 'POST')
  assert.equal(retried.status, 202)
  assert.notEqual(retried.body.diff_job_id, failedId)
  assert.equal((await untilReady('?against=alpha')).status, 200, 'the retried job succeeds once the directory is gone')
})

const csvOf = (ref: string, section: string, query: string, headers: Record<string, string> = viewer) =>
  server.fetch(`/api/plans/input_sets/${encodeURIComponent(ref)}/diff/rows/${section}${query}`, { headers })

test(`${on} a section's changed rows download as CSV: key, reference, current, delta and relative change per field`, async () => {
  assert.equal((await untilReady('?against=alpha')).status, 200)
  const res = await csvOf('alpha@draft', 'demand_family', '?against=alpha')
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8')
  assert.equal(res.headers.get('content-disposition'), 'attachment; filename="diff_alpha@2__alpha@1_demand_family_changed.csv"')
  assert.equal(
    await res.text(),
    [
      'family,period,demand_reference,demand_current,demand_delta,demand_relative,within_tolerance',
      'F1,2025-01,100,101,1,0.01,false',
      'F1,2025-02,120,130,10,0.08333333333333333,false',
      '',
    ].join('\n'),
  )
  const added = await csvOf('alpha@draft', 'demand_family', '?kind=added')
  assert.equal(added.status, 200, 'without against: the default reference, as the diff endpoint')
  assert.equal(await added.text(), 'family,period,demand\nF3,2025-01,5\n')
})

test(`${on} the CSV route refuses like the other routes: no credentials 401, unknown section or kind 400, unknown label 404`, async () => {
  assert.equal((await csvOf('alpha@draft', 'demand_family', '?against=alpha', {})).status, 401)
  const section = await csvOf('alpha@draft', 'nope', '?against=alpha')
  assert.equal(section.status, 400)
  assert.match(await section.text(), /section must be one of/)
  assert.equal((await csvOf('alpha@draft', 'demand_family', '?against=alpha&kind=all')).status, 400)
  assert.equal((await csvOf('nosuch', 'demand_family', '?against=alpha')).status, 404)
})

const cacheHits = async () => {
  const text = await (await server.fetch('/metrics')).text()
  return Number(/^input_set_diff_cache_hits_total (\S+)$/m.exec(text)?.[1] ?? 0)
}

test(`${on} without against, a set with no earlier ready revision answers 400 no_reference saying why and what to do`, async () => {
  const reply = await call(server, 'GET', '/api/plans/input_sets/alpha/diff', { headers: viewer })
  assert.equal(reply.status, 400)
  assert.deepEqual(reply.body.error, {
    code: 'no_reference',
    message: "Nothing to compare 'alpha' (r1) against by default: alpha has no ready revision before r1. Pass ?against=<label or label@N>.",
    details: { field: 'against' },
  })
})

test(`${on} once approved, the label against its previous ready revision is the report already cached for the draft: 200 at once, a cache hit`, async () => {
  const cached = await untilReady('?against=alpha')
  assert.equal(cached.status, 200)
  await reviewInputSet({ ref: 'alpha@draft', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
  const hits = await cacheHits()
  // alpha is now r2 and its default reference r1: the same two revisions as alpha@draft against alpha before.
  for (const url of ['/api/plans/input_sets/alpha/diff', '/api/plans/input_sets/alpha@2/diff?against=alpha@1']) {
    const reply = await call(server, 'GET', url, { headers: viewer })
    assert.equal(reply.status, 200, `${url}: ${JSON.stringify(reply.body)}`)
    assert.equal(reply.body.diff_job_id, cached.body.diff_job_id, `${url}: served by the job that made it`)
  }
  const named = await call(server, 'GET', '/api/plans/input_sets/alpha/diff', { headers: viewer })
  assert.deepEqual([named.body.label, named.body.against], ['alpha', 'alpha@1'], 'the body names the refs as asked (the default pinned)')
  assert.equal(await cacheHits(), hits + 3)
})
