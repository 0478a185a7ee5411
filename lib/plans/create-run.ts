// createRun: a run executes a plan (docs/plans-and-runs.md, "Runs"). It names the plan, or an input
// set label and config version (the plan is made first), or, in legacy mode, no input set at all:
// refused unless the caller says allow_legacy and gives a reason. Each accepted legacy run is
// counted once in run_without_input_set_total{entrypoint}, labelled with the route it came in
// through (/runs, /api/runs; lib/plans/run-entrypoints.ts), after its row is committed.
import { getSql, type SqlConn } from '../db/sql'
import { InvalidError, NotFoundError } from '../errors'
import type { Actor } from '../input-sets/actor'
import { metrics } from '../metrics/registry'
import { createPlan } from './create-plan'
import { runViewAfterWrite, type RunView } from './read-run'
import { RUN_ENTRYPOINT_ROUTES, type RunEntrypoint } from './run-entrypoints'

export type CreateRunInput = {
  entrypoint: RunEntrypoint
  actor: Actor
  planId?: number
  inputSetLabel?: string
  configVersionId?: number
  pipeline?: string
  allowLegacy?: boolean
  legacyReason?: string | null
  /** Kept as given (the compatibility entrypoint's options, unknown ones included). */
  options?: Record<string, unknown>
}

export async function createRun(input: CreateRunInput): Promise<RunView> {
  if (input.planId !== undefined && input.inputSetLabel !== undefined) {
    throw new InvalidError('Pass either plan_id or input_set_label, not both.', { field: 'plan_id' })
  }
  if (input.planId !== undefined) return runPlan(input, input.planId)
  if (input.inputSetLabel !== undefined) {
    if (input.configVersionId === undefined) {
      throw new InvalidError('config_version_id is required with input_set_label.', { field: 'config_version_id' })
    }
    const plan = await createPlan({ configVersionId: input.configVersionId, inputSetLabel: input.inputSetLabel, actor: input.actor })
    return runPlan(input, plan.id)
  }
  return legacyRun(input)
}

async function runPlan(input: CreateRunInput, planId: number): Promise<RunView> {
  const id = await getSql().transaction(async (conn) => {
    const plan = await conn.db
      .selectFrom('plan')
      .select(['input_set_label', 'input_set_ref', 'revision_id', 'revision_number', 'content_hash', 'legacy_reason'])
      .where('id', '=', planId)
      .executeTakeFirst()
    if (!plan) throw new NotFoundError(`Plan ${planId} not found.`, { field: 'plan_id' })
    return insertRun(conn, input, {
      planId,
      label: plan.input_set_label,
      ref: plan.input_set_ref,
      revisionId: plan.revision_id,
      revisionNumber: plan.revision_number,
      contentHash: plan.content_hash,
      legacyReason: plan.legacy_reason,
    })
  })
  return runViewAfterWrite(id)
}

async function legacyRun(input: CreateRunInput): Promise<RunView> {
  const reason = input.legacyReason?.trim()
  if (!input.allowLegacy || !reason) {
    throw new InvalidError(
      'No input set: pass input_set_label (a ready input set, `label` or `label@N`) with config_version_id, or plan_id; a run without one needs allow_legacy: true and a non-empty legacy_reason.',
      { field: 'input_set_label' },
      'input_set_required',
    )
  }
  const id = await getSql().transaction((conn) =>
    insertRun(conn, input, { planId: null, label: null, ref: null, revisionId: null, revisionNumber: null, contentHash: null, legacyReason: reason }),
  )
  metrics().runsWithoutInputSet.inc({ entrypoint: RUN_ENTRYPOINT_ROUTES[input.entrypoint] })
  return runViewAfterWrite(id)
}

type Recorded = {
  planId: number | null
  label: string | null
  ref: string | null
  revisionId: number | null
  revisionNumber: number | null
  contentHash: string | null
  legacyReason: string | null
}

async function insertRun(conn: SqlConn, input: CreateRunInput, r: Recorded): Promise<number> {
  const { id } = await conn.db
    .insertInto('run')
    .values({
      plan_id: r.planId,
      entrypoint: input.entrypoint,
      pipeline: input.pipeline ?? null,
      input_set_label: r.label,
      input_set_ref: r.ref,
      revision_id: r.revisionId,
      revision_number: r.revisionNumber,
      content_hash: r.contentHash,
      legacy_reason: r.legacyReason,
      status: 'succeeded',
      options_json: input.options && Object.keys(input.options).length ? JSON.stringify(input.options) : null,
      actor_kind: input.actor.kind,
      created_by_id: input.actor.id,
      created_by: input.actor.name,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
