// The plan list: newest first, optionally only plans of one input set label, one page at a time.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getDb } from '../db/client'
import type { Page, Paging } from '../schema'

export type PlanListRow = {
  id: number
  input_set_label: string | null
  input_set_ref: string | null
  revision: number | null
  /** The recorded revision's status now; null when it no longer exists. */
  input_set_status: string | null
  config_version_id: number
  periods: number
  created_by: string
  created_at: string
  failed_artifacts: number
}

export async function listPlans(access: ReadAccess, o: Paging & { label?: string }): Promise<Page<PlanListRow>> {
  requireReadAccess(access)
  const db = getDb()
  const where = o.label ? { inputSetLabel: o.label } : {}
  const [total, plans] = await Promise.all([
    db.plan.count({ where }),
    db.plan.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (o.page - 1) * o.pageSize,
      take: o.pageSize,
      include: {
        revision: { select: { status: true } },
        _count: { select: { periods: true, artifacts: { where: { status: 'failed' } } } },
      },
    }),
  ])
  return {
    data: plans.map((p) => ({
      id: p.id,
      input_set_label: p.inputSetLabel,
      input_set_ref: p.inputSetRef,
      revision: p.revisionNumber,
      input_set_status: p.revision?.status ?? null,
      config_version_id: p.configVersionId,
      periods: p._count.periods,
      created_by: p.createdBy,
      created_at: p.createdAt.toISOString(),
      failed_artifacts: p._count.artifacts,
    })),
    total,
    page: o.page,
    page_size: o.pageSize,
  }
}
