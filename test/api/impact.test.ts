// GET /api/plans/input_sets/{label}/impact over HTTP against `next start`: 202 + job while
// pending, 200 + the report once the server has run the job (every body checked against the
// OpenAPI document); 400 no_reference without a default; and the CLI's impact_report.json,
// which is the same body.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { bearer, call, usersWithTokens, type ApiReply, type Loose } from '../helpers/api'
import { tempDir } from '../helpers/bundles'
import { cli } from '../helpers/cli'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { expectedImpact, expectedPlan, impactDraftFiles } from '../helpers/impact'
import { planFiles, readySet } from '../helpers/plans'
import { startServer } from '../helpers/server'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer({ DIFF_CACHE_DIR: tempDir('api-impact-cache-'), DIFF_SWEEP_SECONDS: '0' })
const viewer = bearer((await usersWithTokens()).viewer.token)
const MONTHS = ['2025-01', '2025-02', '2025-03']

await readySet('tight')
await readySet('tight', impactDraftFiles(), { approve: false })
await readySet('fresh', planFiles(), { approve: false })

const impact = (ref: string, query = '') => call(server, 'GET', `/api/plans/input_sets/${encodeURIComponent(ref)}/impact${query}`, { headers: viewer })

async function untilReady(ref: string, query: string): Promise<ApiReply<Loose>> {
  for (let i = 0; i < 100; i++) {
    const reply = await impact(ref, query)
    if (reply.status !== 202) return reply
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('impact not ready after 10 s')
}

test(`${on} the first request answers 202 with the job; the server runs it and the report follows with 200`, async () => {
  const first = await impact('tight@draft', '?against=tight')
  assert.equal(first.status, 202)
  assert.deepEqual([first.body.status, first.body.label, first.body.against], ['queued', 'tight@draft', 'tight'])
  assert.equal(first.headers.get('location'), '/api/plans/input_sets/tight%40draft/impact?against=tight')
  const ready = await untilReady('tight@draft', '?against=tight')
  assert.equal(ready.status, 200)
  assert.deepEqual([ready.body.status, ready.body.impact_job_id, ready.body.label, ready.body.against], ['ready', first.body.diff_job_id, 'tight@draft', 'tight'])
  assert.deepEqual([ready.body.revisions.current.revision, ready.body.revisions.reference.revision], [2, 1])
  const expected = expectedImpact(expectedPlan(impactDraftFiles(), MONTHS), expectedPlan(planFiles(), MONTHS))
  assert.deepEqual({ summary: ready.body.summary, periods: ready.body.periods, items: ready.body.items }, expected)
})

test(`${on} without against a draft is compared with its label's ready revision: the same report`, async () => {
  const reply = await untilReady('tight@draft', '')
  assert.equal(reply.status, 200)
  assert.equal(reply.body.revisions.reference.revision, 1)
})

test(`${on} a draft whose label has no ready revision answers 400 no_reference; unknown labels 404; no token 401`, async () => {
  const reply = await impact('fresh@draft')
  assert.equal(reply.status, 400)
  assert.equal(reply.body.error.code, 'no_reference')
  assert.match(reply.body.error.message, /fresh has no ready revision\. Pass \?against=/)
  assert.equal((await impact('tight@draft', '?against=nosuch')).status, 404)
  assert.equal((await impact('tight@draft', '?against=../x')).status, 400)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets/tight/impact')).status, 401)
})

test(`${on} export_planning_inputs --impact-against writes impact_report.json: the REST body, computed by the CLI`, async () => {
  // Asked before the CLI runs: spawnSync blocks this process, and a kept-alive socket may be closed meanwhile.
  const served = (await untilReady('tight@draft', '?against=tight')).body
  const out = tempDir('impact-cli-')
  const r = cli('export_planning_inputs', ['--label', 'tight@draft', '--impact-against', 'tight', '-o', out])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Planning impact against tight written to /)
  const written = JSON.parse(fs.readFileSync(path.join(out, 'impact_report.json'), 'utf8'))
  const { impact_job_id, generated_at, duration_ms, ...rest } = written
  assert.equal(impact_job_id, null)
  assert.equal(typeof generated_at, 'string')
  assert.equal(typeof duration_ms, 'number')
  const { impact_job_id: _id, generated_at: _at, duration_ms: _ms, label: _l, against: _a, ...servedRest } = served
  const { label, against, ...writtenRest } = rest
  assert.deepEqual([label, against], ['tight', 'tight'])
  assert.deepEqual(writtenRest, servedRest)
})

test(`${on} the CLI's --impact without a default reference exits 2 with the reason`, () => {
  const r = cli('export_planning_inputs', ['--label', 'fresh@draft', '--impact', '-o', tempDir('impact-cli-')])
  assert.equal(r.code, 2)
  assert.match(r.stderr, /fresh has no ready revision\. Pass --impact-against/)
})
