// Runs: bound to a plan (or a label planned first), legacy only with a reason and counted once
// per accepted run, Missing InputSet once the recorded revision is archived, and archiving a
// referenced revision refused unless forced with a reason (recorded in the event).
import { reader } from '../../test/helpers/access'
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { tempDir } from '../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { alice, bob } from '../../test/helpers/input-sets'
import { readySet } from '../../test/helpers/plans'
import { resetEnvCache } from '../env'
import { ConflictError, InvalidError, NotFoundError } from '../errors'
import { listEvents } from '../input-sets/queries/events'
import { reviewInputSet } from '../input-sets/verbs/review'
import { metrics } from '../metrics/registry'
import { createPlan } from './create-plan'
import { createRun } from './create-run'
import { getPlanOrThrow } from './read-plan'
import { getRunOrThrow } from './read-run'

await useFreshDatabase()
const on = `[${dbLabel()}]`
process.env.DATA_DIR = tempDir('run-data-')
resetEnvCache()
await readySet('run-a')

const legacyCount = async (entrypoint: string) => (await metrics().runsWithoutInputSet.get()).values.find((v) => v.labels.entrypoint === entrypoint)?.value ?? 0

test(`${on} a run from a label makes the plan first and records plan, label, ref, revision, hash and entrypoint`, async () => {
  const run = await createRun({ entrypoint: 'api', actor: alice, inputSetLabel: 'run-a@1', configVersionId: 1, pipeline: 'rough-cut' })
  const plan = await getPlanOrThrow(reader, run.plan_id!)
  assert.deepEqual(
    [run.entrypoint, run.pipeline, run.status, run.input_set?.label, run.input_set?.ref, run.input_set?.revision, run.input_set?.content_hash],
    ['api', 'rough-cut', 'succeeded', 'run-a', 'run-a@1', 1, plan.input_set?.content_hash],
  )
  assert.deepEqual(run.warnings, [])
  const again = await createRun({ entrypoint: 'runs_compat', actor: alice, planId: plan.id })
  assert.equal(again.plan_id, plan.id)
  await assert.rejects(createRun({ entrypoint: 'api', actor: alice, planId: 999999 }), NotFoundError)
  await assert.rejects(createRun({ entrypoint: 'api', actor: alice, inputSetLabel: 'run-a' }), /config_version_id is required/)
})

test(`${on} legacy: refused without allow_legacy and a reason; accepted ones counted once each under their route (/runs), with a warning`, async () => {
  const before = await legacyCount('/runs')
  await assert.rejects(createRun({ entrypoint: 'runs_compat', actor: alice }), (err: InvalidError) => {
    assert.match(err.message, /pass input_set_label .* allow_legacy: true and a non-empty legacy_reason/)
    return true
  })
  await assert.rejects(createRun({ entrypoint: 'runs_compat', actor: alice, allowLegacy: true, legacyReason: '  ' }), InvalidError)
  assert.equal(await legacyCount('/runs'), before)
  const run = await createRun({ entrypoint: 'runs_compat', actor: alice, allowLegacy: true, legacyReason: 'nightly job predates input sets' })
  await createRun({ entrypoint: 'runs_compat', actor: alice, allowLegacy: true, legacyReason: 'second' })
  assert.equal(await legacyCount('/runs'), before + 2)
  assert.deepEqual([run.input_set, run.plan_id, run.legacy_reason], [null, null, 'nightly job predates input sets'])
  assert.equal(run.entrypoint, 'runs_compat', 'the run row keeps the short entrypoint name; only the metric label is the route')
  assert.deepEqual(
    run.warnings.map((w) => w.kind),
    ['legacy'],
  )
  assert.match(run.warnings[0].commands.join('\n'), /POST .*\/api\/runs.*input_set_label/)
})

test(`${on} archiving a referenced revision is refused naming plans and runs; forcing needs a reason; then Missing InputSet`, async () => {
  await readySet('run-b')
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'run-b', actor: alice })
  const run = await createRun({ entrypoint: 'api', actor: alice, planId: plan.id })
  await assert.rejects(reviewInputSet({ ref: 'run-b', action: 'archive', actor: bob, comment: 'retired' }), (err: ConflictError) => {
    assert.equal(err.code, 'referenced')
    assert.match(err.message, new RegExp(`plan ${plan.id}, run ${run.id}`))
    return true
  })
  await assert.rejects(reviewInputSet({ ref: 'run-b', action: 'archive', actor: bob, force: true, comment: 'retired' }), InvalidError)
  await reviewInputSet({ ref: 'run-b', action: 'archive', actor: bob, force: true, reason: 'INC-7 bad capacity', comment: 'retired' })
  const [event] = (await listEvents(reader, 'run-b', 1)).events
  assert.deepEqual(
    [event.action, (event.metadata as Record<string, unknown>).forced, (event.metadata as Record<string, unknown>).reason],
    ['archive', true, 'INC-7 bad capacity'],
  )

  for (const view of [await getPlanOrThrow(reader, plan.id), await getRunOrThrow(reader, run.id)]) {
    const [missing] = view.warnings
    assert.equal(missing.kind, 'missing_input_set')
    assert.equal(missing.title, 'Missing InputSet')
    assert.ok(
      missing.commands.includes('npx tsx scripts/import_planning_inputs.ts -i out/planning_inputs_run-b --version-id 1 --label run-b'),
      missing.commands.join('\n'),
    )
    assert.equal(view.input_set?.label, 'run-b')
  }
  // A new plan cannot be made from it either.
  await assert.rejects(createPlan({ configVersionId: 1, inputSetLabel: 'run-b@1', actor: alice }), /status is archived/)
})
