// What the database sums for the rough-cut plan (formulas in rough-cut.ts): one row per period,
// per item × period and per family comes back, never the demand rows themselves.
import { sql } from 'kysely'
import type { SqlConn, SqlValue } from '../db/sql'

export type CalendarRow = { period: string; start_date: string; end_date: string }
export type PeriodTotal = { period: string; total: number }
export type ItemPeriodTotal = { item: string; period: string; total: number }
/** Open POs of one item grouped by the plan period holding their due date (null: none does). */
export type OpenPoGroup = { item: string; period: string | null; early: number; n: number; total: number }

/** The calendar's periods by start date. */
export function calendarPeriods(conn: SqlConn, revisionId: number): Promise<CalendarRow[]> {
  return conn.db
    .selectFrom('calendar_period')
    .select(['period', 'start_date', 'end_date'])
    .where('revision_id', '=', revisionId)
    .orderBy('start_date')
    .orderBy('period')
    .execute()
}

export function demandPerPeriod(conn: SqlConn, revisionId: number): Promise<PeriodTotal[]> {
  return conn.db
    .selectFrom('demand_row')
    .select((eb) => ['period', eb.fn.sum<number>('demand').as('total')])
    .where('revision_id', '=', revisionId)
    .groupBy('period')
    .execute()
}

export function capacityPerPeriod(conn: SqlConn, revisionId: number): Promise<PeriodTotal[]> {
  return conn.db
    .selectFrom('capacity_row')
    .select((eb) => ['period', eb.fn.sum<number>('capacity').as('total')])
    .where('revision_id', '=', revisionId)
    .groupBy('period')
    .execute()
}

/**
 * Part of a split: only the SKUs in `only`, reading only the demand of `families` (which must
 * hold every family feeding them), or every SKU `except` those. The planning impact splits the
 * SKUs unchanged families feed once for both revisions (lib/impact/plan-pair.ts).
 */
export type SkuFilter = { only: string[]; families: string[] } | { except: string[] }

/**
 * Family demand × mix share per SKU and period, with the mix rows in effect at the period's
 * start, streamed in batches: a set's SKU × period rows are never all in memory. Ordered by SKU
 * (then period) so each SKU's rows arrive together; the order of SKUs is the database's
 * collation, which callers must not rely on.
 */
export function streamSkuDemand(conn: SqlConn, revisionId: number, only?: SkuFilter): AsyncIterable<ItemPeriodTotal[]> {
  let query = conn.db
    .selectFrom('demand_row as d')
    .innerJoin('mix_share_row as m', (join) => join.onRef('m.revision_id', '=', 'd.revision_id').onRef('m.family', '=', 'd.family'))
    .leftJoin('calendar_period as c', (join) => join.onRef('c.revision_id', '=', 'd.revision_id').onRef('c.period', '=', 'd.period'))
    .select((eb) => ['m.sku as item', 'd.period as period', eb.fn.sum<number>(eb('d.demand', '*', eb.ref('m.share'))).as('total')])
    .where('d.revision_id', '=', revisionId)
    .where((eb) => eb.or([eb('m.effective_from', 'is', null), eb('c.start_date', 'is', null), eb('m.effective_from', '<=', eb.ref('c.start_date'))]))
    .where((eb) => eb.or([eb('m.effective_to', 'is', null), eb('c.start_date', 'is', null), eb('m.effective_to', '>=', eb.ref('c.start_date'))]))
  if (only) {
    // Lists go as one JSON array parameter, however long they are.
    const inList = (list: string[]) =>
      conn.kind === 'postgres'
        ? sql<string>`ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(list)}::jsonb)))`
        : sql<string>`(SELECT value FROM json_each(${JSON.stringify(list)}))`
    const op = conn.kind === 'postgres' ? '=' : 'in'
    if ('except' in only) query = query.where((eb) => eb.not(eb('m.sku', op, inList(only.except))))
    else {
      query = query.where('d.family', op, inList(only.families))
      // The families' demand rows are found by index; the SKU is a filter on them. SQLite would
      // rather probe the mix index once per listed SKU for every demand row, unless the unary +
      // takes the column out of index use.
      query = query.where((eb) => (conn.kind === 'postgres' ? eb('m.sku', '=', inList(only.only)) : eb(sql<string>`+m.sku`, 'in', inList(only.only))))
    }
  }
  const compiled = query
    .groupBy(['m.sku', 'd.period'])
    // The same keys as the GROUP BY: SQLite's grouping sort already yields this order.
    .orderBy('m.sku')
    .orderBy('d.period')
    .compile()
  return conn.iterate<ItemPeriodTotal>(compiled.sql, compiled.parameters as SqlValue[], SKU_DEMAND_BATCH)
}

// Rows per batch of the SKU split: large enough that the round trips (a FETCH on PostgreSQL) do
// not count, small enough that a batch is a few hundred kilobytes.
const SKU_DEMAND_BATCH = 2000

/** Stock per item summed over all locations. */
export function inventoryPerItem(conn: SqlConn, revisionId: number): Promise<{ item: string; total: number }[]> {
  return conn.db
    .selectFrom('inventory_row')
    .select((eb) => ['item', eb.fn.sum<number>('qty').as('total')])
    .where('revision_id', '=', revisionId)
    .groupBy('item')
    .execute()
}

/**
 * Open POs per item and calendar period: the period containing the due date (or named by it);
 * `early` is 1 for those due before `horizonStart` that no period holds.
 */
export function openPoPerCalendarPeriod(conn: SqlConn, revisionId: number, horizonStart: string): Promise<OpenPoGroup[]> {
  return (
    conn.db
      .selectFrom('open_po_row as p')
      .leftJoin('calendar_period as c', (join) =>
        join
          .onRef('c.revision_id', '=', 'p.revision_id')
          .on((eb) => eb.or([eb('p.due', '=', eb.ref('c.period')), eb.and([eb('p.due', '>=', eb.ref('c.start_date')), eb('p.due', '<=', eb.ref('c.end_date'))])])),
      )
      .select((eb) => [
        'p.item as item',
        'c.period as period',
        eb
          .case()
          .when(eb.and([eb('c.period', 'is', null), eb('p.due', '<', horizonStart)]))
          .then(eb.lit(1))
          .else(eb.lit(0))
          .end()
          .as('early'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('p.qty').as('total'),
      ])
      .where('p.revision_id', '=', revisionId)
      // By position: PostgreSQL would not match a repeated CASE with renumbered parameters.
      .groupBy(sql`1, 2, 3`)
      .execute()
  )
}

/** Without a calendar only a due date equal to a period key can be placed: POs per item and due date. */
export function openPoPerDueDate(conn: SqlConn, revisionId: number): Promise<OpenPoGroup[]> {
  return conn.db
    .selectFrom('open_po_row')
    .select((eb) => ['item', 'due as period', eb.lit(0).as('early'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('qty').as('total')])
    .where('revision_id', '=', revisionId)
    .groupBy(['item', 'due'])
    .execute()
}

/** Demand per family that has no mix rows (so is not split into SKUs), by family. */
export function unsplitFamilyDemand(conn: SqlConn, revisionId: number): Promise<{ family: string; total: number }[]> {
  return conn.db
    .selectFrom('demand_row as d')
    .select((eb) => ['d.family as family', eb.fn.sum<number>('d.demand').as('total')])
    .where('d.revision_id', '=', revisionId)
    .where(({ not, exists, selectFrom, lit }) =>
      not(exists(selectFrom('mix_share_row as m').select(lit(1).as('one')).whereRef('m.revision_id', '=', 'd.revision_id').whereRef('m.family', '=', 'd.family'))),
    )
    .groupBy('d.family')
    .orderBy('d.family')
    .execute()
}
