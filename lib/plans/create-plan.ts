// createPlan: a rough-cut plan from a ready revision of one config version
// (docs/plans-and-runs.md, "Plans").
// The plan is summed outside the write transaction (a large set takes seconds), then the
// revision is checked again inside it, so a revision archived meanwhile is refused, not used.
// Artifacts are written after the commit: a plan exists whether or not its files could be.
import { getSql, type SqlConn, type SqlValue } from '../db/sql'
import { InvalidError } from '../errors'
import type { Actor } from '../input-sets/actor'
import { parseInputSetRef } from '../input-sets/labels'
import { findRevision, notFound, type ResolvedRevision } from '../input-sets/store/resolve'
import { writePlanArtifacts } from './artifacts'
import { planViewAfterWrite, type PlanView } from './read-plan'
import { computeRoughCut, type RoughCutPlan } from './rough-cut'

export type CreatePlanInput = { configVersionId: number; inputSetLabel: string; actor: Actor }

export async function createPlan(input: CreatePlanInput): Promise<PlanView> {
  const sql = getSql()
  const { revision, plan } = await sql.withConnection(async (conn) => {
    const revision = await readyRevisionOrThrow(conn, input)
    return { revision, plan: await computeRoughCut(conn, revision.revisionId) }
  })
  const planId = await sql.transaction(async (conn) => {
    const again = await readyRevisionOrThrow(conn, input)
    if (again.revisionId !== revision.revisionId) {
      throw new InvalidError(`input_set_label '${input.inputSetLabel}' changed revision while the plan was computed; try again.`, { field: 'input_set_label' })
    }
    return insertPlan(conn, input, revision, plan)
  })
  await writePlanArtifacts(planId)
  return planViewAfterWrite(planId)
}

/** The revision the label names, refused (400, naming the field) unless ready and of this config version. */
export async function readyRevisionOrThrow(conn: SqlConn, input: { configVersionId: number; inputSetLabel: string }): Promise<ResolvedRevision> {
  const field = { field: 'input_set_label' }
  const ref = parseInputSetRef(input.inputSetLabel, 'input_set_label')
  const revision = await findRevision(conn, ref)
  if (!revision) {
    const missing = await notFound(conn, ref)
    throw new InvalidError(`input_set_label: ${missing.message}`, { ...field, ...(missing.details as object) }, 'unknown_input_set')
  }
  if (revision.status !== 'ready') {
    throw new InvalidError(
      `input_set_label '${input.inputSetLabel}' resolves to ${revision.label}@${revision.number}, whose status is ${revision.status}; a plan needs a ready (approved) revision.`,
      { ...field, status: revision.status, revision: revision.number },
      'input_set_not_ready',
    )
  }
  if (revision.configVersionId !== input.configVersionId) {
    throw new InvalidError(
      `input_set_label '${input.inputSetLabel}' belongs to config version ${revision.configVersionId}, not config_version_id ${input.configVersionId}.`,
      { ...field, config_version_id: revision.configVersionId },
      'config_version_mismatch',
    )
  }
  return revision
}

async function insertPlan(conn: SqlConn, input: CreatePlanInput, revision: ResolvedRevision, plan: RoughCutPlan): Promise<number> {
  const { id: planId } = await conn.db
    .insertInto('plan')
    .values({
      config_version_id: input.configVersionId,
      input_set_label: revision.label,
      input_set_ref: input.inputSetLabel,
      revision_id: revision.revisionId,
      revision_number: revision.number,
      content_hash: revision.contentHash,
      actor_kind: input.actor.kind,
      created_by_id: input.actor.id,
      created_by: input.actor.name,
      created_at: new Date(),
      summary_json: JSON.stringify(plan.summary),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await conn.insertMany(
    'plan_period',
    ['plan_id', 'position', 'period', 'demand', 'capacity', 'supply', 'backlog', 'utilisation'],
    plan.periods.map((p): SqlValue[] => [planId, p.position, p.period, p.demand, p.capacity, p.supply, p.backlog, p.utilisation]),
  )
  await conn.insertMany(
    'plan_item_period',
    ['plan_id', 'item', 'position', 'period', 'demand', 'receipts', 'inventory'],
    plan.items.map((r): SqlValue[] => [planId, r.item, r.position, r.period, r.demand, r.receipts, r.inventory]),
  )
  return planId
}
