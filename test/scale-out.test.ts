// Two `next start` instances on one database (docs/operations.md, "Several app instances"): a
// session made on one is valid on the other, every diff job queued through either is run by exactly
// one of them (both sweep every second and race for the same jobs), and reports written by one are
// served by the other from the shared cache folder.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, signIn, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, tempDir, validFiles, csv } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { count } from './helpers/input-sets'
import { startServer } from './helpers/server'
import { cliActor } from '../lib/input-sets/actor'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const shared = { DIFF_CACHE_DIR: tempDir('shared-diff-cache-'), DIFF_SWEEP_SECONDS: '1' }
const [a, b] = await Promise.all([startServer(shared), startServer(shared)])
const users = await usersWithTokens()
const viewer = bearer(users.viewer.token)

const LABELS = ['s1', 's2', 's3', 's4', 's5']
for (const [i, label] of LABELS.entries()) {
  await runImport(memoryBundle({ ...validFiles(), 'demand_family.csv': csv('family,period,demand', `F1,2025-01,${100 + i}`, 'F1,2025-02,120', 'F2,2025-01,80') }), {
    label,
    actor: cliActor('planner'),
  })
}

test(`${on} a session signed in on one instance is valid on the other`, async () => {
  const cookie = await signIn(a, users.viewer.email)
  for (const server of [a, b]) {
    const reply = await call(server, 'GET', '/api/plans/input_sets', { headers: { cookie } })
    assert.equal(reply.status, 200)
    assert.equal(reply.body.total, LABELS.length)
  }
})

test(`${on} diff jobs queued through both instances are each run exactly once, and both serve every report`, async () => {
  const pairs = LABELS.flatMap((label) => LABELS.filter((other) => other !== label).map((against) => ({ label, against })))
  // Half the pairs through each instance, all at once.
  const queued = await Promise.all(
    pairs.map((p, i) => call(i % 2 ? b : a, 'GET', `/api/plans/input_sets/${p.label}@draft/diff?against=${p.against}@draft`, { headers: viewer })),
  )
  assert.ok(queued.every((r) => r.status === 202))
  const deadline = Date.now() + 60_000
  while ((await count(`SELECT COUNT(*) AS n FROM diff_job WHERE status IN ('queued', 'running')`)) > 0) {
    assert.ok(Date.now() < deadline, 'jobs still pending after 60 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  assert.equal(await count(`SELECT COUNT(*) AS n FROM diff_job WHERE status = 'succeeded' AND attempts = 1`), pairs.length)
  const runs = (a.log() + b.log()).split('\n').filter((l) => l.includes('"event":"input_set_diff_job_succeeded"'))
  assert.equal(runs.length, pairs.length, 'no job ran twice')
  for (const [i, p] of pairs.entries()) {
    // Each report is read from the instance that did not receive the request.
    const reply = await call(i % 2 ? a : b, 'GET', `/api/plans/input_sets/${p.label}@draft/diff?against=${p.against}@draft`, { headers: viewer })
    assert.equal(reply.status, 200, `${p.label} against ${p.against}`)
    assert.equal(reply.body.diff_job_id, queued[i].body.diff_job_id)
  }
})
