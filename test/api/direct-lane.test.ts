// The direct lane (lib/http/direct-lane.ts, docs/architecture.md "The direct lane"): `npm run serve`
// answers the hot reads itself, and each answer must be the one `next start` gives for the same
// request on the same database — status, body and headers (bar the per-request and transport
// ones) — for successes, errors, 304s and gzip. Vary tells who answered: Next adds its router's
// names to it, the lane only Accept-Encoding, so the tests also show which requests the lane takes.
// The sweep is off, so a diff job starts only from the answer that queued it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, signIn, usersWithTokens } from '../helpers/api'
import { csv, memoryBundle, runImport, tempDir, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer, type TestServer } from '../helpers/server'
import { cliActor } from '../../lib/input-sets/actor'
import { reviewInputSet } from '../../lib/input-sets/verbs/review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const env = { DIFF_CACHE_DIR: tempDir('api-direct-lane-'), DIFF_SWEEP_SECONDS: '0' }
const [next, lane] = await Promise.all([startServer(env), startServer(env, { workers: 1 })])
const users = await usersWithTokens()
const viewer = bearer(users.viewer.token)

await runImport(memoryBundle(validFiles()), { label: 'alpha', actor: cliActor('planner') })
await reviewInputSet({ ref: 'alpha', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
await runImport(memoryBundle({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,101', 'F3,2025-01,5') }), {
  label: 'alpha',
  actor: cliActor('planner'),
})

/** Set per request, per server (a rewrite names the server's address) or by the transport, so they differ between any two answers. */
const PER_REQUEST = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-request-id', 'vary', 'x-middleware-rewrite'])

type Answer = { status: number; body: string; headers: Map<string, string> }

async function ask(server: TestServer, path: string, headers: Record<string, string> = viewer): Promise<Answer> {
  const res = await server.fetch(path, { headers, redirect: 'manual' })
  return { status: res.status, body: await res.text(), headers: new Map(res.headers) }
}

/** Same status, body and headers from both servers; returns the lane's answer. */
async function assertSameAnswer(path: string, headers: Record<string, string> = viewer): Promise<Answer> {
  const [fromNext, fromLane] = await Promise.all([ask(next, path, headers), ask(lane, path, headers)])
  assert.equal(fromLane.status, fromNext.status, `${path}: status`)
  assert.deepEqual(errorless(fromLane.body), errorless(fromNext.body), `${path}: body`)
  const comparable = (a: Answer) => [...a.headers].filter(([name]) => !PER_REQUEST.has(name)).sort()
  assert.deepEqual(comparable(fromLane), comparable(fromNext), `${path}: headers`)
  return fromLane
}

/** A 500 names its request id, which differs per request; everything else must match. */
const errorless = (body: string) => body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')

const answeredByLane = (a: Answer) => a.headers.get('vary') === 'Accept-Encoding'
/** Next's router names itself in Vary; a path proxy.ts rewrote carries the rewrite; the lane never redirects. */
const answeredByNext = (a: Answer) => /\brsc\b/.test(a.headers.get('vary') ?? '') || a.headers.has('x-middleware-rewrite') || a.status === 308

async function diffReady(server: TestServer, path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const status = (await ask(server, path)).status
    if (status === 200) return
    assert.equal(status, 202, `${path} while the job runs`)
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`${path}: no report after 20 s`)
}

test(`${on} the lane answers the hot reads exactly as Next does`, async () => {
  for (const path of [
    '/api/plans/input_sets',
    '/api/plans/input_sets?status=ready&page_size=5',
    '/api/plans/input_sets/alpha',
    '/api/plans/input_sets/alpha@1',
    '/api/plans/input_sets/alpha%40draft/events?limit=2',
    '/api/plans/input_sets/alpha@1/rows/demand_family?page_size=2',
  ]) {
    const answer = await assertSameAnswer(path)
    assert.equal(answer.status, 200, path)
    assert.ok(answeredByLane(answer), `${path} is answered by the lane`)
  }
})

test(`${on} a diff queued through the lane runs after the answer, and the ready report matches Next's`, async () => {
  const path = '/api/plans/input_sets/alpha@draft/diff?against=alpha@1'
  const queued = await ask(lane, path)
  assert.equal(queued.status, 202)
  assert.ok(answeredByLane(queued))
  // Nothing else starts the job: the sweep is off and Next has not seen this pair, so the lane ran the after-task.
  await diffReady(lane, path)
  const ready = await assertSameAnswer(path)
  assert.equal(ready.status, 200)
  const etag = ready.headers.get('etag')!
  const notModified = await assertSameAnswer(path, { ...viewer, 'if-none-match': etag })
  assert.equal(notModified.status, 304)
  assert.equal(notModified.body, '')
})

test(`${on} gzip: a large answer is compressed for a client that accepts it, as Next does`, async () => {
  const path = '/api/plans/input_sets/alpha@1/rows/demand_family?page_size=200'
  const gzip = await assertSameAnswer(path, { ...viewer, 'accept-encoding': 'gzip, deflate' })
  assert.equal(gzip.headers.get('content-encoding'), 'gzip')
  const plain = await assertSameAnswer(path, { ...viewer, 'accept-encoding': 'identity' })
  assert.equal(plain.headers.get('content-encoding'), undefined)
  assert.equal(plain.body, gzip.body)
})

test(`${on} errors from the lane are Next's errors: 401, 404, 400 naming the field`, async () => {
  const cases: [string, Record<string, string>, number][] = [
    ['/api/plans/input_sets/alpha', {}, 401],
    ['/api/plans/input_sets/alpha', { authorization: 'Basic eA==' }, 401],
    ['/api/plans/input_sets/nope', viewer, 404],
    ['/api/plans/input_sets/alpha/events?limit=many', viewer, 400],
    ['/api/plans/input_sets/alpha/rows/no_such_section', viewer, 400],
  ]
  for (const [path, headers, status] of cases) {
    const answer = await assertSameAnswer(path, headers)
    assert.equal(answer.status, status, path)
    assert.ok(answeredByLane(answer), `${path} is answered by the lane`)
  }
})

test(`${on} what the lane does not take exactly reaches Next unchanged`, async () => {
  for (const path of [
    '/api/plans/input_sets/alpha/',
    '/api/plans/input_sets//alpha',
    '/api/plans/input_sets/al%ZZpha',
    '/api/plans/input_sets/alpha@1/export?format=csv&section=demand_family',
    '/api/health',
  ]) {
    const answer = await assertSameAnswer(path)
    assert.ok(answeredByNext(answer), `${path} is Next's (vary: ${answer.headers.get('vary')})`)
  }
  const post = await lane.fetch('/api/plans/input_sets/alpha/events', { method: 'POST', headers: { ...viewer, 'content-type': 'application/json' }, body: '{}' })
  assert.equal(post.status, 403, 'a viewer may not write: Next answered the POST with its route')
  assert.match(post.headers.get('vary') ?? '', /\brsc\b/)
})

test(`${on} a portal session reads through the lane as through Next`, async () => {
  const cookie = await signIn(next, users.viewer.email)
  const answer = await assertSameAnswer('/api/plans/input_sets/alpha/events?limit=5', { cookie })
  assert.equal(answer.status, 200)
  assert.ok(answeredByLane(answer))
})

test(`${on} the request id a client sends is kept, and one is made up otherwise`, async () => {
  const sent = await ask(lane, '/api/plans/input_sets/alpha', { ...viewer, 'x-request-id': 'trace-42' })
  assert.equal(sent.headers.get('x-request-id'), 'trace-42')
  const made = await ask(lane, '/api/plans/input_sets/alpha')
  assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
})
