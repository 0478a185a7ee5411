// Plans as the API and the pages show them: what the plan recorded, what became of its
// input set since (Missing InputSet), its artifacts and its warnings.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getDb } from '../db/client'
import { NotFoundError } from '../errors'
import type { ArtifactName, ArtifactRecord } from './artifacts'
import type { PlanPeriodRow, PlanSummary } from './rough-cut'
import { artifactWarnings, missingInputSetWarning, type RecordedInputSet, type Warning } from './warnings'

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
  const plan = await getDb().plan.findUnique({
    where: { id },
    include: {
      revision: { select: { status: true, approvedBy: true, approvedAt: true } },
      periods: { orderBy: { position: 'asc' } },
      artifacts: { orderBy: { id: 'asc' } },
      runs: { select: { id: true }, orderBy: { id: 'asc' }, take: 100 },
    },
  })
  if (!plan) throw new NotFoundError(`Plan ${id} not found.`)
  const card = inputSetCard(plan.inputSetLabel, plan.inputSetRef, plan.revisionNumber, plan.contentHash, plan.revision)
  const artifacts = plan.artifacts.map((a) => ({ name: a.name as ArtifactName, status: a.status as ArtifactRecord['status'], sha256: a.sha256, bytes: a.bytes, error: a.error }))
  const missing = card ? missingInputSetWarning(recorded(card, plan.configVersionId)) : null
  return {
    id: plan.id,
    config_version_id: plan.configVersionId,
    input_set: card,
    legacy_reason: plan.legacyReason,
    created_by: plan.createdBy,
    created_at: plan.createdAt.toISOString(),
    summary: JSON.parse(plan.summaryJson) as PlanSummary,
    periods: plan.periods.map((p) => ({ position: p.position, period: p.period, demand: p.demand, capacity: p.capacity, supply: p.supply, backlog: p.backlog, utilisation: p.utilisation })),
    artifacts,
    runs: plan.runs.map((r) => r.id),
    warnings: [...(missing ? [missing] : []), ...artifactWarnings(plan.id, artifacts)],
  }
}

export function inputSetCard(
  label: string | null,
  ref: string | null,
  revision: number | null,
  contentHash: string | null,
  current: { status: string; approvedBy: string | null; approvedAt: Date | null } | null,
): InputSetCard | null {
  if (label === null) return null
  return {
    label,
    ref: ref ?? label,
    revision,
    content_hash: contentHash,
    status: current?.status ?? null,
    approved_by: current?.approvedBy ?? null,
    approved_at: current?.approvedAt?.toISOString() ?? null,
  }
}

export function recorded(card: InputSetCard, configVersionId: number | null): RecordedInputSet {
  return { label: card.label, ref: card.ref, revision: card.revision, configVersionId, status: card.status }
}
