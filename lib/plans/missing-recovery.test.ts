// Missing InputSet recovery as the card spells it out (docs/plans-and-runs.md, "Missing InputSet"):
// the commands are taken from the warning and run as an operator pastes them. Re-importing under
// the same label (export, import, approve) gives the next run a ready revision without the
// warning, while this plan and its run keep theirs; restoring the archived revision clears it for
// them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reader } from '../../test/helpers/access'
import { tempDir } from '../../test/helpers/bundles'
import { runCardCommand } from '../../test/helpers/card-commands'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { alice, bob } from '../../test/helpers/input-sets'
import { readySet } from '../../test/helpers/plans'
import { createUser } from '../auth/users'
import { resetEnvCache } from '../env'
import { reviewInputSet } from '../input-sets/verbs/review'
import { createPlan } from './create-plan'
import { createRun } from './create-run'
import { getPlanOrThrow } from './read-plan'
import { getRunOrThrow } from './read-run'
import { APPROVER_PLACEHOLDER, missingInputSetWarning, type Warning } from './warnings'

await useFreshDatabase()
const on = `[${dbLabel()}]`
process.env.DATA_DIR = tempDir('recovery-data-')
resetEnvCache()

type Missing = Extract<Warning, { kind: 'missing_input_set' }>
const missingOf = (warnings: Warning[]) => warnings.find((w): w is Missing => w.kind === 'missing_input_set')

/** Runs each command of a card path in `cwd`; a run command is made through the run verb with the body the card gives. */
async function follow(commands: string[], cwd: string) {
  const runs = []
  for (const line of commands) {
    const done = runCardCommand(line, cwd, { [APPROVER_PLACEHOLDER]: 'ops_lead' })
    if (done.kind === 'cli') assert.equal(done.result.code, 0, `${line}\n${done.result.stderr}`)
    else {
      const body = done.body as { input_set_label: string; config_version_id: number }
      runs.push(await createRun({ entrypoint: 'api', actor: alice, inputSetLabel: body.input_set_label, configVersionId: body.config_version_id }))
    }
  }
  return runs
}

test(`${on} the card's re-import path gives the next run a ready revision without the warning; its restore path clears it for this plan and run`, async () => {
  // A real approver: the CLI approves as an existing user who may review (docs/cli.md, "Who acts").
  await createUser({ email: 'lead@example.test', name: 'ops_lead', role: 'approver' }, bob)
  await readySet('rec-a')
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'rec-a', actor: alice })
  const run = await createRun({ entrypoint: 'api', actor: alice, planId: plan.id })
  await reviewInputSet({ ref: 'rec-a', action: 'archive', actor: bob, comment: 'INC-9 recovery drill', force: true, reason: 'INC-9 recovery drill' })

  const card = missingOf((await getPlanOrThrow(reader, plan.id)).warnings)!
  const runCard = missingOf((await getRunOrThrow(reader, run.id)).warnings)!
  assert.ok(card && runCard, 'both the plan and its run show Missing InputSet')
  assert.match(card.message, /Restoring rec-a@1 is what clears this warning for this plan; a re-import does not/)
  assert.match(runCard.message, /clears this warning for this run/)
  assert.match(card.message, /A new run needs a ready revision of rec-a/)
  assert.deepEqual(card.commands, [...card.clears_this!.commands, ...card.new_run.commands])

  const cwd = tempDir('runbook-')
  const [next] = await follow(card.new_run.commands, cwd)
  assert.equal(next.input_set?.ref, 'rec-a')
  assert.equal(next.input_set?.revision, 2, 'the re-imported revision')
  assert.equal(next.input_set?.content_hash, plan.input_set?.content_hash, 'the exported bundle re-imports to the same content')
  assert.deepEqual(next.warnings, [], 'the next run has no warning')
  assert.equal(next.input_set?.approved_by, 'lead@example.test')
  // As the card says: the re-import does not bring back the revision this plan and run are bound to.
  assert.ok(missingOf((await getPlanOrThrow(reader, plan.id)).warnings))
  assert.ok(missingOf((await getRunOrThrow(reader, run.id)).warnings))

  await follow(card.clears_this!.commands, cwd)
  assert.deepEqual((await getPlanOrThrow(reader, plan.id)).warnings, [])
  assert.deepEqual((await getRunOrThrow(reader, run.id)).warnings, [])
  const restored = await getPlanOrThrow(reader, plan.id)
  assert.deepEqual([restored.input_set?.status, restored.input_set?.approved_by], ['ready', 'lead@example.test'])
})

test(`${on} the restore path alone clears the warning and leaves a ready revision for the next run`, async () => {
  await readySet('rec-b')
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'rec-b', actor: alice })
  await reviewInputSet({ ref: 'rec-b', action: 'archive', actor: bob, comment: 'INC-10', force: true, reason: 'INC-10' })
  const card = missingOf((await getPlanOrThrow(reader, plan.id)).warnings)!
  await follow(card.clears_this!.commands, tempDir('runbook-'))
  assert.deepEqual((await getPlanOrThrow(reader, plan.id)).warnings, [])
  const next = await createRun({ entrypoint: 'api', actor: alice, inputSetLabel: 'rec-b', configVersionId: 1 })
  assert.deepEqual([next.input_set?.revision, next.warnings], [1, []])
})

test(`${on} a revision that no longer exists: the card says nothing clears it for this plan and gives only the re-import path`, () => {
  const w = missingInputSetWarning({ label: 'gone', ref: 'gone@3', revision: 3, configVersionId: 2, status: null, draftRevision: null }) as Missing
  assert.equal(w.clears_this, null)
  assert.match(w.message, /Nothing clears this warning for this plan: it stays bound to gone@3, which is gone/)
  assert.deepEqual(w.commands, w.new_run.commands)
  assert.ok(!w.commands.some((c) => c.includes('export_planning_inputs') || c.includes('restore')))
  assert.ok(w.commands.includes('npx tsx scripts/import_planning_inputs.ts -i out/planning_inputs_gone --version-id 2 --label gone'))
})
