// The plan list: newest first, optionally only plans of one input set label, one page at a time.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql } from '../db/sql'
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
  return getSql().withConnection(async (conn) => {
    const plans = conn.db.selectFrom('plan').$if(Boolean(o.label), (q) => q.where('plan.input_set_label', '=', o.label!))
    const { total } = await plans.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
    const rows = await plans
      .leftJoin('input_set_revision as revision', 'revision.id', 'plan.revision_id')
      .select((eb) => [
        'plan.id',
        'plan.input_set_label',
        'plan.input_set_ref',
        'plan.revision_number',
        'revision.status as revision_status',
        'plan.config_version_id',
        'plan.created_by',
        'plan.created_at',
        eb.selectFrom('plan_period').select(eb.fn.countAll<number>().as('n')).whereRef('plan_period.plan_id', '=', 'plan.id').$asScalar().$notNull().as('periods'),
        eb
          .selectFrom('plan_artifact')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('plan_artifact.plan_id', '=', 'plan.id')
          .where('plan_artifact.status', '=', 'failed')
          .$asScalar()
          .$notNull()
          .as('failed_artifacts'),
      ])
      .orderBy('plan.id', 'desc')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute()
    return {
      data: rows.map((p) => ({
        id: p.id,
        input_set_label: p.input_set_label,
        input_set_ref: p.input_set_ref,
        revision: p.revision_number,
        input_set_status: p.revision_status,
        config_version_id: p.config_version_id,
        periods: p.periods,
        created_by: p.created_by,
        created_at: p.created_at.toISOString(),
        failed_artifacts: p.failed_artifacts,
      })),
      total,
      page: o.page,
      page_size: o.pageSize,
    }
  })
}
