// Plans as the API and the pages show them: what the plan recorded, what became of its
// input set since (Missing InputSet), its artifacts and its warnings.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql, type SqlConn } from '../db/sql'
import { NotFoundError } from '../errors'
import type { ArtifactName, ArtifactRecord } from './artifacts'
import type { PlanPeriodRow, PlanSummary } from './rough-cut'
import { artifactWarnings, isMissing, missingInputSetWarning, type RecordedInputSet, type Warning } from './warnings'

export type InputSetCard = {
  label: string
  ref: string
  revision: number | null
  content_hash: string | null
  /** The revision's status now (null: it no longer exists). */
  status: string | null
  approved_by: string | null
  approved_at: string | null
}

export type PlanView = {
  id: number
  config_version_id: number
  input_set: InputSetCard | null
  legacy_reason: string | null
  created_by: string
  created_at: string
  summary: PlanSummary
  periods: PlanPeriodRow[]
  artifacts: ArtifactRecord[]
  runs: number[]
  warnings: Warning[]
}

export async function getPlanOrThrow(access: ReadAccess, id: number): Promise<PlanView> {
  requireReadAccess(access)
  return planViewAfterWrite(id)
}

/** The plan a write verb just made, returned to its already authenticated caller; every other read goes through getPlanOrThrow. */
export async function planViewAfterWrite(id: number): Promise<PlanView> {
  return getSql().withConnection(async (conn) => {
    const plan = await conn.db
      .selectFrom('plan')
      .leftJoin('input_set_revision as revision', 'revision.id', 'plan.revision_id')
      .select([
        'plan.id',
        'plan.config_version_id',
        'plan.input_set_label',
        'plan.input_set_ref',
        'plan.revision_number',
        'plan.content_hash',
        'plan.legacy_reason',
        'plan.created_by',
        'plan.created_at',
        'plan.summary_json',
        ...REVISION_NOW,
      ])
      .where('plan.id', '=', id)
      .executeTakeFirst()
    if (!plan) throw new NotFoundError(`Plan ${id} not found.`)
    const periods = await conn.db
      .selectFrom('plan_period')
      .select(['position', 'period', 'demand', 'capacity', 'supply', 'backlog', 'utilisation'])
      .where('plan_id', '=', id)
      .orderBy('position')
      .execute()
    const runs = await conn.db.selectFrom('run').select('id').where('plan_id', '=', id).orderBy('id').limit(100).execute()
    const artifacts = await artifactRecords(conn, id)
    const card = inputSetCard(plan.input_set_label, plan.input_set_ref, plan.revision_number, plan.content_hash, plan)
    const missing = card ? missingInputSetWarning(await recorded(conn, card, plan.config_version_id)) : null
    return {
      id: plan.id,
      config_version_id: plan.config_version_id,
      input_set: card,
      legacy_reason: plan.legacy_reason,
      created_by: plan.created_by,
      created_at: plan.created_at.toISOString(),
      summary: JSON.parse(plan.summary_json) as PlanSummary,
      periods,
      artifacts,
      runs: runs.map((r) => r.id),
      warnings: [...(missing ? [missing] : []), ...artifactWarnings(plan.id, artifacts)],
    }
  })
}

/**
 * The recorded revision as it is now, selected through a LEFT JOIN of input_set_revision as `revision`:
 * all null when it no longer exists.
 */
export const REVISION_NOW = ['revision.status as revision_status', 'revision.approved_by', 'revision.approved_at'] as const
export type RevisionNow = { revision_status: string | null; approved_by: string | null; approved_at: Date | null }

/** A plan's artifacts, in the order they were recorded. */
export function artifactRecords(conn: SqlConn, planId: number): Promise<ArtifactRecord[]> {
  return conn.db
    .selectFrom('plan_artifact')
    .select(['name', 'status', 'sha256', 'bytes', 'error'])
    .where('plan_id', '=', planId)
    .orderBy('id')
    .$narrowType<{ name: ArtifactName; status: ArtifactRecord['status'] }>()
    .execute()
}

export function inputSetCard(label: string | null, ref: string | null, revision: number | null, contentHash: string | null, now: RevisionNow): InputSetCard | null {
  if (label === null) return null
  return {
    label,
    ref: ref ?? label,
    revision,
    content_hash: contentHash,
    status: now.revision_status,
    approved_by: now.approved_by,
    approved_at: now.approved_at?.toISOString() ?? null,
  }
}

/** The recorded revision as it is now and, when it is missing, the label's pending draft (a re-import or a restore). */
export async function recorded(conn: SqlConn, card: InputSetCard, configVersionId: number | null): Promise<RecordedInputSet> {
  const draft = isMissing(card.status)
    ? await conn.db
        .selectFrom('input_set_revision as d')
        .innerJoin('input_set as s', 's.id', 'd.input_set_id')
        .select('d.number')
        .where('s.label', '=', card.label)
        .where('d.status', '=', 'draft')
        .executeTakeFirst()
    : undefined
  return { label: card.label, ref: card.ref, revision: card.revision, configVersionId, status: card.status, draftRevision: draft?.number ?? null }
}
