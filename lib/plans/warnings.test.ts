// What the plan and run pages offer besides the commands: the warning actions (restore the archived
// revision, review the label's new draft, plan from a ready set), which scope each needs; the items
// with negative projected inventory, worst first; and a run started from the portal (entrypoint ui).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reader } from '../../test/helpers/access'
import { tempDir } from '../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { alice, bob } from '../../test/helpers/input-sets'
import { readySet } from '../../test/helpers/plans'
import { ROLE_SCOPES } from '../auth/principal'
import { resetEnvCache } from '../env'
import { reviewInputSet } from '../input-sets/verbs/review'
import { metrics } from '../metrics/registry'
import { createPlan } from './create-plan'
import { createRun } from './create-run'
import { listShortItems } from './plan-items'
import { getPlanOrThrow } from './read-plan'
import { getRunOrThrow } from './read-run'
import { actionsAllowed } from './warnings'

await useFreshDatabase()
const on = `[${dbLabel()}]`
process.env.DATA_DIR = tempDir('warning-data-')
resetEnvCache()

test(`${on} Missing InputSet: an archived revision offers Restore, a new draft of the label offers Review; both need the approver's scope`, async () => {
  await readySet('wa-a')
  const run = await createRun({ entrypoint: 'api', actor: alice, inputSetLabel: 'wa-a', configVersionId: 1 })
  assert.deepEqual((await getRunOrThrow(reader, run.id)).warnings, [])
  await reviewInputSet({ ref: 'wa-a', action: 'archive', actor: bob, comment: 'test: retire', force: true, reason: 'test: retire' })

  const [archived] = (await getRunOrThrow(reader, run.id)).warnings
  assert.equal(archived.kind, 'missing_input_set')
  assert.deepEqual(archived.actions, [{ kind: 'restore_revision', label: 'wa-a', revision: 1, needs: 'input_sets:review' }])
  assert.ok(
    archived.commands.some((c) => c.includes('--label wa-a@1 --action restore')),
    'the command stays beside the button',
  )

  // A re-import makes r2 the label's draft: the card offers to review it, next to restoring r1.
  await readySet('wa-a', undefined, { approve: false })
  const plan = await getPlanOrThrow(reader, run.plan_id!)
  const [missing] = plan.warnings
  assert.deepEqual(missing.actions, [
    { kind: 'restore_revision', label: 'wa-a', revision: 1, needs: 'input_sets:review' },
    { kind: 'review_draft', label: 'wa-a', revision: 2, needs: 'input_sets:review' },
  ])
  assert.deepEqual(actionsAllowed(missing, ROLE_SCOPES.viewer), [])
  assert.deepEqual(actionsAllowed(missing, ROLE_SCOPES.editor), [])
  assert.equal(actionsAllowed(missing, ROLE_SCOPES.approver).length, 2)
})

test(`${on} a legacy run offers planning from a ready set to editors and up`, async () => {
  const run = await createRun({ entrypoint: 'api', actor: alice, allowLegacy: true, legacyReason: 'old job' })
  const [legacy] = run.warnings
  assert.deepEqual(legacy.actions, [{ kind: 'plan_from_ready', needs: 'plans:write' }])
  assert.deepEqual(actionsAllowed(legacy, ROLE_SCOPES.viewer), [])
  assert.deepEqual(actionsAllowed(legacy, ROLE_SCOPES.editor), legacy.actions)
})

test(`${on} short items: those with negative projected inventory, lowest first, with their first short period and count of short periods`, async () => {
  await readySet('wa-short')
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'wa-short', actor: alice })
  assert.equal(plan.summary.items_short, 2)
  // SKU2 reaches −88 (short from 2025-01 on); SKU3 −20 (from 2025-02); SKU1 and COMP1 never go short.
  assert.deepEqual(await listShortItems(reader, plan.id, 10), [
    { item: 'SKU2', first_short_period: '2025-01', lowest_inventory: -88, short_periods: 3 },
    { item: 'SKU3', first_short_period: '2025-02', lowest_inventory: -20, short_periods: 2 },
  ])
  assert.deepEqual(
    (await listShortItems(reader, plan.id, 1)).map((s) => s.item),
    ['SKU2'],
  )
})

test(`${on} a run started from the portal runs the plan with createRun, records entrypoint ui and counts no legacy run`, async () => {
  await readySet('wa-ui')
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'wa-ui', actor: alice })
  const legacyBefore = (await metrics().runsWithoutInputSet.get()).values.reduce((sum, v) => sum + v.value, 0)
  const run = await createRun({ entrypoint: 'ui', actor: alice, planId: plan.id })
  assert.deepEqual(
    [run.entrypoint, run.plan_id, run.input_set?.ref, run.input_set?.content_hash, run.warnings],
    ['ui', plan.id, 'wa-ui', plan.input_set?.content_hash, []],
  )
  assert.deepEqual((await getPlanOrThrow(reader, plan.id)).runs, [run.id])
  assert.equal(
    (await metrics().runsWithoutInputSet.get()).values.reduce((sum, v) => sum + v.value, 0),
    legacyBefore,
  )
})
