// Lists input sets with the revision each label resolves to (ready, else newest).
import { getDb } from '../db/client'
import type { RevisionStatus } from './labels'

export type InputSetSummary = {
  label: string
  status: RevisionStatus
  revision: number
  config_version_id: number
  rows: number
  updated_at: string
  approved_by: string | null
  approved_at: string | null
  draft_revision: number | null
}

export type ListFilter = { status?: RevisionStatus; configVersionId?: number; q?: string }

export async function listInputSets(filter: ListFilter = {}): Promise<InputSetSummary[]> {
  const sets = await getDb().inputSet.findMany({
    where: {
      configVersionId: filter.configVersionId,
      label: filter.q ? { contains: filter.q } : undefined,
    },
    orderBy: { label: 'asc' },
    include: {
      revisions: {
        where: { status: { not: 'superseded' } },
        orderBy: { number: 'desc' },
        include: { sections: { select: { rows: true, section: true } } },
      },
    },
  })
  const summaries: InputSetSummary[] = []
  for (const set of sets) {
    const current = set.revisions.find((r) => r.status === 'ready') ?? set.revisions[0]
    if (!current) continue
    const draft = set.revisions.find((r) => r.status === 'draft')
    summaries.push({
      label: set.label,
      status: current.status,
      revision: current.number,
      config_version_id: set.configVersionId,
      rows: current.sections.filter((s) => s.section !== 'planning_params').reduce((n, s) => n + s.rows, 0),
      updated_at: set.updatedAt.toISOString(),
      approved_by: current.approvedBy,
      approved_at: current.approvedAt?.toISOString() ?? null,
      draft_revision: draft && draft.id !== current.id ? draft.number : null,
    })
  }
  return filter.status ? summaries.filter((s) => s.status === filter.status) : summaries
}
