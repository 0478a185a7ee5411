// One page of a plan's item × period rows (SKU demand, receipts, projected inventory), by item then period.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql } from '../db/sql'
import type { Page, Paging } from '../schema'
import type { PlanItemRow } from './rough-cut'

export async function listPlanItems(access: ReadAccess, planId: number, o: Paging): Promise<Page<PlanItemRow>> {
  requireReadAccess(access)
  return getSql().withConnection(async (conn) => {
    const items = conn.db.selectFrom('plan_item_period').where('plan_id', '=', planId)
    const { total } = await items.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
    const data = await items
      .select(['item', 'position', 'period', 'demand', 'receipts', 'inventory'])
      .orderBy('item')
      .orderBy('position')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute()
    return { data, total, page: o.page, page_size: o.pageSize }
  })
}
