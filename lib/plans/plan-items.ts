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

/** An item whose projected inventory goes negative: where it first does, how low it goes, in how many periods. */
export type ShortItem = { item: string; first_short_period: string; lowest_inventory: number; short_periods: number }

/**
 * The items with negative projected inventory, worst (lowest) first, at most `limit` of them; the
 * plan's summary counts them all (items_short). The database groups, so a large plan stays cheap.
 */
export async function listShortItems(access: ReadAccess, planId: number, limit: number): Promise<ShortItem[]> {
  requireReadAccess(access)
  return getSql().withConnection(async (conn) => {
    const shorts = await conn.db
      .selectFrom('plan_item_period')
      .select((eb) => ['item', eb.fn.min('inventory').as('lowest'), eb.fn.min('position').as('first_position'), eb.fn.countAll<number>().as('periods')])
      .where('plan_id', '=', planId)
      .where('inventory', '<', 0)
      .groupBy('item')
      .orderBy('lowest')
      .orderBy('item')
      .limit(limit)
      .execute()
    if (!shorts.length) return []
    const names = await conn.db.selectFrom('plan_period').select(['position', 'period']).where('plan_id', '=', planId).execute()
    const periodAt = new Map(names.map((p) => [p.position, p.period]))
    return shorts.map((s) => ({
      item: s.item,
      first_short_period: periodAt.get(Number(s.first_position)) ?? String(s.first_position),
      lowest_inventory: Number(s.lowest),
      short_periods: Number(s.periods),
    }))
  })
}
