// Plans and runs over HTTP against `next start`: creation from a ready set, the 400s that name
// the field and the reason, artifact downloads, legacy and compatibility run entrypoints,
// legacy runs counted by route (run_without_input_set_total{entrypoint="/runs"|"/api/runs"}),
// archiving a referenced revision (409 naming plans and runs, forced only with a reason), JSON
// bodies nested too deeply to read, and path segments that do not decode.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { test } from 'node:test'
import { bearer, call, usersWithTokens } from '../helpers/api'
import { ensureConfigVersion } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { count } from '../helpers/input-sets'
import { readySet } from '../helpers/plans'
import { startServer } from '../helpers/server'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
const editor = bearer(users.editor.token)
await ensureConfigVersion(2)
await readySet('api-ready')
await readySet('api-draft', undefined, { approve: false })

const plans = (json: unknown, headers = editor) => call(server, 'POST', '/api/plans', { headers, json })
const runs = (json: unknown, path = '/api/runs') => call(server, 'POST', path, { headers: editor, json })

test(`${on} POST /api/plans: 201 with the input set card, periods and written artifacts; GET lists and reads it`, async () => {
  const r = await plans({ config_version_id: 1, input_set_label: 'api-ready' })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const { plan } = r.body
  assert.deepEqual([plan.input_set.label, plan.input_set.ref, plan.input_set.revision, plan.input_set.status], ['api-ready', 'api-ready', 1, 'ready'])
  assert.equal(plan.created_by, users.editor.email)
  assert.deepEqual(
    plan.periods.map((p: { backlog: number }) => p.backlog),
    [30, 190, 0],
  )
  assert.deepEqual(plan.warnings, [])
  const one = await call(server, 'GET', `/api/plans/${plan.id}`, { headers: bearer(users.viewer.token) })
  assert.equal(one.body.plan.id, plan.id)
  const list = await call(server, 'GET', '/api/plans?label=api-ready', { headers: editor })
  assert.deepEqual([list.body.total, list.body.data[0].id], [1, plan.id])
  assert.equal((await call(server, 'GET', '/api/plans?label=nothing', { headers: editor })).body.total, 0)

  for (const artifact of plan.artifacts) {
    const file = await server.fetch(`/api/plans/${plan.id}/artifacts/${artifact.name}`, { headers: editor })
    assert.equal(file.status, 200)
    const bytes = Buffer.from(await file.arrayBuffer())
    assert.equal(crypto.createHash('sha256').update(bytes).digest('hex'), artifact.sha256)
    assert.equal(file.headers.get('x-sha256'), artifact.sha256)
  }
  assert.equal((await call(server, 'GET', `/api/plans/${plan.id}/artifacts/..%2Fsecret.json`, { headers: editor })).status, 400)
  assert.equal((await call(server, 'GET', `/api/plans/${plan.id}/artifacts/plan.db`, { headers: editor })).status, 400)
  assert.equal((await call(server, 'GET', '/api/plans/abc', { headers: editor })).status, 400)
  assert.equal((await call(server, 'GET', '/api/plans/99999', { headers: editor })).status, 404)
})

test(`${on} POST /api/plans: 400 naming input_set_label for unknown, draft-only and other-config-version sets`, async () => {
  const unknown = await plans({ config_version_id: 1, input_set_label: 'api-readdy' })
  assert.deepEqual([unknown.status, unknown.body.error.code, unknown.body.error.details.field], [400, 'unknown_input_set', 'input_set_label'])
  assert.match(unknown.body.error.message, /input_set_label: Input set 'api-readdy' not found\. Did you mean: api-ready/)
  const draft = await plans({ config_version_id: 1, input_set_label: 'api-draft' })
  assert.deepEqual([draft.status, draft.body.error.code], [400, 'input_set_not_ready'])
  assert.match(draft.body.error.message, /api-draft@1, whose status is draft; a plan needs a ready/)
  const other = await plans({ config_version_id: 2, input_set_label: 'api-ready' })
  assert.deepEqual([other.status, other.body.error.code], [400, 'config_version_mismatch'])
  assert.match(other.body.error.message, /belongs to config version 1, not config_version_id 2/)
  const noRevision = await plans({ config_version_id: 1, input_set_label: 'api-ready@9' })
  assert.match(noRevision.body.error.message, /Revision 'api-ready@9' not found/)
})

test(`${on} POST /api/plans: malformed bodies are 400 naming the field; viewers are 403`, async () => {
  for (const [body, field] of [
    [{ input_set_label: 'api-ready' }, 'config_version_id'],
    [{ config_version_id: 1 }, 'input_set_label'],
    [{ config_version_id: 'one', input_set_label: 'api-ready' }, 'config_version_id'],
    [{ config_version_id: 1, input_set_label: 'api-ready@draft' }, 'input_set_label'],
    [{ config_version_id: 1, input_set_label: '../etc' }, 'input_set_label'],
    [{ config_version_id: 1, input_set_label: 'api-ready', actor: 'mallory' }, 'body'],
  ] as const) {
    const r = await plans(body)
    assert.equal(r.status, 400, JSON.stringify(body))
    assert.match(JSON.stringify(r.body.error), new RegExp(field), JSON.stringify(r.body))
  }
  assert.equal((await plans({ config_version_id: 1, input_set_label: 'api-ready' }, bearer(users.viewer.token))).status, 403)
})

test(`${on} POST /api/runs and POST /runs: bound runs record the input set; legacy refused without a reason, kept with one`, async () => {
  const bound = await runs({ input_set_label: 'api-ready@1', config_version_id: 1, pipeline: 'rough-cut' })
  assert.equal(bound.status, 201, JSON.stringify(bound.body))
  assert.deepEqual([bound.body.run.entrypoint, bound.body.run.input_set.ref, bound.body.run.input_set.revision], ['api', 'api-ready@1', 1])
  const fromPlan = await runs({ plan_id: bound.body.run.plan_id })
  assert.equal(fromPlan.body.run.plan_id, bound.body.run.plan_id)

  const refused = await runs({})
  assert.deepEqual([refused.status, refused.body.error.code], [400, 'input_set_required'])
  assert.match(refused.body.error.message, /pass input_set_label .* allow_legacy: true and a non-empty legacy_reason/)
  assert.equal((await runs({ allow_legacy: true })).status, 400)
  const legacy = await runs({ allow_legacy: true, legacy_reason: 'backfill of 2024' })
  assert.equal(legacy.status, 201)
  assert.deepEqual(
    legacy.body.run.warnings.map((w: { kind: string }) => w.kind),
    ['legacy'],
  )

  const compat = await runs({ pipeline: 'mrp', async: false, options: { input_set_label: 'api-ready', config_version_id: 1, horizon_weeks: 12 } }, '/runs')
  assert.equal(compat.status, 201, JSON.stringify(compat.body))
  assert.deepEqual([compat.body.run.entrypoint, compat.body.run.pipeline, compat.body.run.input_set.label], ['runs_compat', 'mrp', 'api-ready'])
  assert.equal(compat.body.run.options.horizon_weeks, 12)
  const compatLegacy = await runs({ pipeline: 'mrp', options: {} }, '/runs')
  assert.equal(compatLegacy.status, 400)
  assert.match(compatLegacy.body.error.message, /input_set_label/)
  const one = await call(server, 'GET', `/api/runs/${compat.body.run.id}`, { headers: editor })
  assert.equal(one.body.run.id, compat.body.run.id)
})

/** run_without_input_set_total's samples from GET /metrics, by entrypoint label. */
async function legacyRunSamples(): Promise<Record<string, number>> {
  const text = await (await server.fetch('/metrics')).text()
  const matches = text.matchAll(/^run_without_input_set_total\{entrypoint="([^"]*)"\} (\S+)$/gm)
  return Object.fromEntries([...matches].map((m) => [m[1], Number(m[2])]))
}

test(`${on} legacy runs are counted in run_without_input_set_total under the route they came in through: entrypoint="/runs" and "/api/runs"`, async () => {
  const before = await legacyRunSamples()
  assert.deepEqual(Object.keys(before).sort(), ['/api/runs', '/runs'], 'both series exist from the start, and no others')
  const viaApi = await runs({ allow_legacy: true, legacy_reason: 'runbook check' })
  const viaCompat = await runs({ pipeline: 'mrp', options: { allow_legacy: true, legacy_reason: 'runbook check' } }, '/runs')
  const viaCompatAgain = await runs({ pipeline: 'mrp', options: { allow_legacy: true, legacy_reason: 'runbook check' } }, '/runs')
  for (const r of [viaApi, viaCompat, viaCompatAgain]) assert.equal(r.status, 201, JSON.stringify(r.body))
  // The stored run keeps its short entrypoint name; only the metric label is the route.
  assert.deepEqual([viaApi.body.run.entrypoint, viaCompat.body.run.entrypoint], ['api', 'runs_compat'])
  const after = await legacyRunSamples()
  assert.deepEqual(Object.keys(after).sort(), ['/api/runs', '/runs'])
  assert.equal(after['/api/runs'] - before['/api/runs'], 1)
  assert.equal(after['/runs'] - before['/runs'], 2)
})

test(`${on} JSON bodies nested thousands of levels deep are 400 naming the body on every JSON route; nothing is written`, async () => {
  const admin = { ...bearer(users.admin.token), 'content-type': 'application/json' }
  const post = (path: string, body: string) => call(server, 'POST', path, { headers: admin, body })
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
  const tables = ['plan', 'run', 'audit_event']
  const before = await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)))
  for (const [path, body] of [
    // /runs keeps unknown options as sent: before the limit, storing this one overflowed the stack (500).
    ['/runs', `{"pipeline":"mrp","options":{"input_set_label":"api-ready","config_version_id":1,"tree":${nested(20_000)}}}`],
    ['/runs', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['/api/runs', `{"input_set_label":"api-ready","config_version_id":1,"tree":${nested(20_000)}}`],
    ['/api/plans', `{"input_set_label":"api-ready","config_version_id":${nested(65)}}`],
    ['/api/plans/input_sets/api-draft/review', `{"action":"approve","comment":${nested(20_000)}}`],
  ]) {
    const r = await post(path, body)
    assert.deepEqual([r.status, r.body.error?.code, r.body.error?.details?.field], [400, 'invalid', 'body'], `${path}: ${JSON.stringify(r.body).slice(0, 300)}`)
    assert.equal(r.body.error.message, 'The request body nests objects and arrays more than 64 levels deep.')
  }
  assert.deepEqual(await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`))), before)
  // 20,000 levels of {"a": are 120 KB: over the 64 KiB JSON limit, refused before a byte is read.
  const huge = await post('/runs', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000))
  assert.deepEqual([huge.status, huge.body.error.code], [413, 'too_large'])
  // 64 levels are read as before: the options are kept as sent.
  const deepest = await post('/runs', `{"pipeline":"mrp","options":{"input_set_label":"api-ready","config_version_id":1,"tree":${nested(62)}}}`)
  assert.equal(deepest.status, 201, JSON.stringify(deepest.body))
  assert.equal(JSON.stringify(deepest.body.run.options.tree), nested(62))
})

test(`${on} plan and run path segments that are not percent-encoded UTF-8 are 400 naming the parameter`, async () => {
  for (const [path, field] of [
    ['/api/runs/%ff', 'id'],
    ['/api/plans/%ff%fe', 'id'],
    ['/api/plans/1/artifacts/%ff', 'name'],
  ]) {
    const r = await call(server, 'GET', path, { headers: editor })
    assert.deepEqual([r.status, r.body.error?.details?.field], [400, field], `${path}: ${JSON.stringify(r.body)}`)
  }
})

test(`${on} archiving a revision that plans and runs use: 409 naming them; force needs a reason; the pages' data then warns`, async () => {
  await readySet('api-arch')
  const run = (await runs({ input_set_label: 'api-arch', config_version_id: 1 })).body.run
  const review = (json: unknown) => call(server, 'POST', '/api/plans/input_sets/api-arch/review', { headers: bearer(users.approver.token), json })
  const refused = await review({ action: 'archive', comment: 'retired' })
  assert.deepEqual([refused.status, refused.body.error.code], [409, 'referenced'])
  assert.match(refused.body.error.message, new RegExp(`plan ${run.plan_id}, run ${run.id}`))
  assert.equal((await review({ action: 'archive', force: true, comment: 'retired' })).status, 400)
  const forced = await review({ action: 'archive', force: true, reason: 'INC-9 wrong calendar', comment: 'retired' })
  assert.equal(forced.status, 200, JSON.stringify(forced.body))
  const after = await call(server, 'GET', `/api/runs/${run.id}`, { headers: editor })
  assert.deepEqual(
    after.body.run.warnings.map((w: { title: string }) => w.title),
    ['Missing InputSet'],
  )
})
