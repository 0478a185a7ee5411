// Runs as the API and the pages show them, with the same warnings as plans: legacy (no input
// set), Missing InputSet, and the plan's artifacts that could not be written.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getDb } from '../db/client'
import { NotFoundError } from '../errors'
import type { Page, Paging } from '../schema'
import type { ArtifactName, ArtifactRecord } from './artifacts'
import { inputSetCard, recorded, type InputSetCard } from './read-plan'
import { artifactWarnings, legacyWarning, missingInputSetWarning, type Warning } from './warnings'

export type RunView = {
  id: number
  plan_id: number | null
  entrypoint: string
  pipeline: string | null
  status: string
  input_set: InputSetCard | null
  legacy_reason: string | null
  options: Record<string, unknown> | null
  created_by: string
  created_at: string
  artifacts: ArtifactRecord[]
  warnings: Warning[]
}

export async function getRunOrThrow(access: ReadAccess, id: number): Promise<RunView> {
  requireReadAccess(access)
  return runViewAfterWrite(id)
}

/** The run a write verb just made, returned to its already authenticated caller; every other read goes through getRunOrThrow. */
export async function runViewAfterWrite(id: number): Promise<RunView> {
  const run = await getDb().run.findUnique({
    where: { id },
    include: {
      revision: { select: { status: true, approvedBy: true, approvedAt: true } },
      plan: { select: { configVersionId: true, artifacts: { orderBy: { id: 'asc' } } } },
    },
  })
  if (!run) throw new NotFoundError(`Run ${id} not found.`)
  const card = inputSetCard(run.inputSetLabel, run.inputSetRef, run.revisionNumber, run.contentHash, run.revision)
  const artifacts = (run.plan?.artifacts ?? []).map((a) => ({ name: a.name as ArtifactName, status: a.status as ArtifactRecord['status'], sha256: a.sha256, bytes: a.bytes, error: a.error }))
  const warnings: Warning[] = []
  if (!card) warnings.push(legacyWarning(run.legacyReason ?? ''))
  else {
    const missing = missingInputSetWarning(recorded(card, run.plan?.configVersionId ?? null))
    if (missing) warnings.push(missing)
  }
  if (run.planId !== null) warnings.push(...artifactWarnings(run.planId, artifacts))
  return {
    id: run.id,
    plan_id: run.planId,
    entrypoint: run.entrypoint,
    pipeline: run.pipeline,
    status: run.status,
    input_set: card,
    legacy_reason: run.legacyReason,
    options: run.optionsJson ? (JSON.parse(run.optionsJson) as Record<string, unknown>) : null,
    created_by: run.createdBy,
    created_at: run.createdAt.toISOString(),
    artifacts,
    warnings,
  }
}

export type RunListRow = {
  id: number
  plan_id: number | null
  entrypoint: string
  input_set_label: string | null
  revision: number | null
  input_set_status: string | null
  legacy: boolean
  status: string
  created_by: string
  created_at: string
}

export async function listRuns(access: ReadAccess, o: Paging & { label?: string }): Promise<Page<RunListRow>> {
  requireReadAccess(access)
  const db = getDb()
  const where = o.label ? { inputSetLabel: o.label } : {}
  const [total, runs] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({ where, orderBy: { id: 'desc' }, skip: (o.page - 1) * o.pageSize, take: o.pageSize, include: { revision: { select: { status: true } } } }),
  ])
  return {
    data: runs.map((r) => ({
      id: r.id,
      plan_id: r.planId,
      entrypoint: r.entrypoint,
      input_set_label: r.inputSetLabel,
      revision: r.revisionNumber,
      input_set_status: r.revision?.status ?? null,
      legacy: r.inputSetLabel === null,
      status: r.status,
      created_by: r.createdBy,
      created_at: r.createdAt.toISOString(),
    })),
    total,
    page: o.page,
    page_size: o.pageSize,
  }
}
