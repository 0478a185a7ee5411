// One page of a plan's item × period rows (SKU demand, receipts, projected inventory), by item then period.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getDb } from '../db/client'
import type { Page, Paging } from '../schema'
import type { PlanItemRow } from './rough-cut'

export async function listPlanItems(access: ReadAccess, planId: number, o: Paging): Promise<Page<PlanItemRow>> {
  requireReadAccess(access)
  const db = getDb()
  const [total, rows] = await Promise.all([
    db.planItemPeriod.count({ where: { planId } }),
    db.planItemPeriod.findMany({ where: { planId }, orderBy: [{ item: 'asc' }, { position: 'asc' }], skip: (o.page - 1) * o.pageSize, take: o.pageSize }),
  ])
  return {
    data: rows.map((r) => ({ item: r.item, position: r.position, period: r.period, demand: r.demand, receipts: r.receipts, inventory: r.inventory })),
    total,
    page: o.page,
    page_size: o.pageSize,
  }
}
