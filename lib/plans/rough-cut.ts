// The rough-cut aggregate plan of one revision (docs/plans-and-runs.md). The database sums the rows
// (GROUP BY); only one row per period, per item × period and per family comes back, so a
// set of a million demand rows is never loaded into memory, and the item × period rows stream
// in (projected-inventory.ts carries one item at a time). The formulas:
//
// Periods: the calendar's periods by start date; periods that occur in demand or capacity
// but not in the calendar follow, by name (validation already warned about them).
// Per period p, with backlog_in(first) = 0 and backlog_in(p) = backlog(p − 1):
//   demand(p)      = Σ demand_family.demand of p (all families)
//   capacity(p)    = Σ capacity.capacity of p (all resources and resource types)
//   supply(p)      = min(demand(p) + backlog_in(p), capacity(p))
//   backlog(p)     = demand(p) + backlog_in(p) − supply(p)      (carried into p + 1)
//   utilisation(p) = supply(p) / capacity(p), null when capacity(p) = 0
// SKU split: sku_demand(i, p) = Σ over families f of demand(f, p) × share(f, i), using the
//   mix rows in effect at the period's start date (effective_from ≤ start ≤ effective_to,
//   an empty bound is open). Families without mix rows are not split; the summary says so.
// Projected inventory per item i (items of the split, of inventory and of open POs):
//   inventory(i, before the first period) = Σ inventory.qty of i over all locations
//   receipts(i, p)  = Σ open_po.qty of i whose due date lies in p (start ≤ due ≤ end, or due
//                     equals the period key); due before the first period → the first period;
//                     due after the horizon (or in no period) → not planned, counted in the summary
//   inventory(i, p) = inventory(i, p − 1) + receipts(i, p) − sku_demand(i, p)
//                     (negative = shortage; nothing is clipped)
// Every figure is rounded to 6 decimals so both databases give byte-identical plans.
import type { SqlConn } from '../db/sql'
import {
  calendarPeriods,
  capacityPerPeriod,
  demandPerPeriod,
  inventoryPerItem,
  openPoPerCalendarPeriod,
  openPoPerDueDate,
  streamSkuDemand,
  unsplitFamilyDemand,
  type CalendarRow,
  type ItemPeriodTotal,
  type PeriodTotal,
} from './rough-cut-sums'
import { InventoryProjection, type PlanItemRow } from './projected-inventory'
import { round6 } from './round'

export { round6, type PlanItemRow }

export type PlanPeriodRow = { position: number; period: string; demand: number; capacity: number; supply: number; backlog: number; utilisation: number | null }

export type PlanSummary = {
  periods: number
  items: number
  total_demand: number
  total_capacity: number
  total_supply: number
  ending_backlog: number
  peak_utilisation: number | null
  periods_without_capacity: string[]
  periods_outside_calendar: string[]
  families_without_mix: { count: number; demand: number; examples: string[] }
  open_po_before_horizon: { rows: number; qty: number }
  open_po_outside_horizon: { rows: number; qty: number }
  items_short: number
}

export type RoughCutPlan = { periods: PlanPeriodRow[]; items: PlanItemRow[]; summary: PlanSummary }

/** What the planning impact needs of a plan: its periods and item counts (docs/impact.md). */
export type PlanCore = {
  periods: PlanPeriodRow[]
  /** How many items the plan projects, and how many of them go short in some period. */
  items: number
  items_short: number
}

/**
 * The plan's periods and item rows: each item × period row is handed to `onItemRow` as it is
 * computed and not kept, so a caller that needs less than every row (the planning impact keeps
 * each item's low point) never holds them all. Rows come item by item, each item's in period
 * order, the items in no set order (see projected-inventory.ts).
 */
export async function computePlanCore(conn: SqlConn, revisionId: number, onItemRow: (row: PlanItemRow) => void): Promise<PlanCore & PlanExtras> {
  const plan = await PlanInProgress.start(conn, revisionId, onItemRow)
  // The last read: nothing else may run on the connection while the split streams.
  await plan.projection.add(streamSkuDemand(conn, revisionId))
  return plan.finish()
}

/**
 * A plan whose sums, stock and receipts are read and whose SKU split is still to come: the
 * split's items are added to `projection` (by computePlanCore, or for two revisions at once by
 * the planning impact), then finish() emits the items without split rows and counts.
 */
export class PlanInProgress {
  private items = 0
  private itemsShort = 0
  private lastShort: string | undefined
  readonly projection: InventoryProjection

  private constructor(
    /** The calendar's periods, by start date: the split depends on them (the mix in effect at each start). */
    readonly calendar: CalendarRow[],
    private readonly periods: string[],
    position: Map<string, number>,
    private readonly outside: string[],
    private readonly sums: { demand: PeriodTotal[]; capacity: PeriodTotal[] },
    private readonly po: Receipts,
    start: Map<string, number>,
    onItemRow: (row: PlanItemRow) => void,
  ) {
    this.projection = new InventoryProjection(periods, position, start, po.rows, (row) => {
      // Rows come item by item, so an item is counted at its first period and at its first shortage.
      if (row.position === 0) this.items++
      if (row.inventory < 0 && this.lastShort !== row.item) {
        this.itemsShort++
        this.lastShort = row.item
      }
      onItemRow(row)
    })
  }

  static async start(conn: SqlConn, revisionId: number, onItemRow: (row: PlanItemRow) => void): Promise<PlanInProgress> {
    const calendar = await calendarPeriods(conn, revisionId)
    const demand = await demandPerPeriod(conn, revisionId)
    const capacity = await capacityPerPeriod(conn, revisionId)
    const inCalendar = new Set(calendar.map((c) => c.period))
    const outside = [...new Set([...demand, ...capacity].map((r) => r.period).filter((p) => !inCalendar.has(p)))].sort()
    const periods = [...calendar.map((c) => c.period), ...outside]
    const position = new Map(periods.map((p, i) => [p, i]))
    const start = await startingInventory(conn, revisionId)
    const po = await receipts(conn, revisionId, calendar, position)
    return new PlanInProgress(calendar, periods, position, outside, { demand, capacity }, po, start, onItemRow)
  }

  /** Once every item of the split is added: the items with only stock or receipts, then the plan's periods and counts. */
  finish(): PlanCore & PlanExtras {
    this.projection.finish()
    return {
      periods: aggregate(this.periods, totals(this.sums.demand), totals(this.sums.capacity)),
      items: this.items,
      items_short: this.itemsShort,
      periods_outside_calendar: this.calendar.length ? this.outside : [],
      open_po_before_horizon: this.po.before,
      open_po_outside_horizon: this.po.outside,
    }
  }
}

type PlanExtras = Pick<PlanSummary, 'periods_outside_calendar' | 'open_po_before_horizon' | 'open_po_outside_horizon'>

/** The rough-cut plan of a revision, its item rows by item name. */
export async function computeRoughCut(conn: SqlConn, revisionId: number): Promise<RoughCutPlan> {
  const items: PlanItemRow[] = []
  const core = await computePlanCore(conn, revisionId, (row) => items.push(row))
  byItemName(items)
  const unsplit = await familiesWithoutMix(conn, revisionId)
  const planPeriods = core.periods
  const utilisations = planPeriods.map((p) => p.utilisation).filter((u): u is number => u !== null)
  return {
    periods: planPeriods,
    items,
    summary: {
      periods: planPeriods.length,
      items: core.items,
      total_demand: round6(planPeriods.reduce((s, p) => s + p.demand, 0)),
      total_capacity: round6(planPeriods.reduce((s, p) => s + p.capacity, 0)),
      total_supply: round6(planPeriods.reduce((s, p) => s + p.supply, 0)),
      ending_backlog: endingBacklog(planPeriods),
      peak_utilisation: utilisations.length ? Math.max(...utilisations) : null,
      periods_without_capacity: planPeriods.filter((p) => p.capacity === 0).map((p) => p.period),
      periods_outside_calendar: core.periods_outside_calendar,
      families_without_mix: unsplit,
      open_po_before_horizon: core.open_po_before_horizon,
      open_po_outside_horizon: core.open_po_outside_horizon,
      items_short: core.items_short,
    },
  }
}

/** The backlog carried out of the last period (0 without periods). */
export function endingBacklog(periods: PlanPeriodRow[]): number {
  return periods.length ? periods[periods.length - 1].backlog : 0
}

function totals(rows: PeriodTotal[]): Map<string, number> {
  return new Map(rows.map((r) => [r.period, r.total]))
}

/** The per-period fold: supply is capped by capacity, the rest is carried as backlog. */
function aggregate(periods: string[], demand: Map<string, number>, capacity: Map<string, number>): PlanPeriodRow[] {
  let backlogIn = 0
  return periods.map((period, position) => {
    const d = round6(demand.get(period) ?? 0)
    const c = round6(capacity.get(period) ?? 0)
    const supply = round6(Math.min(d + backlogIn, c))
    const backlog = round6(d + backlogIn - supply)
    backlogIn = backlog
    return { position, period, demand: d, capacity: c, supply, backlog, utilisation: c > 0 ? round6(supply / c) : null }
  })
}

async function startingInventory(conn: SqlConn, revisionId: number): Promise<Map<string, number>> {
  const rows = await inventoryPerItem(conn, revisionId)
  return new Map(rows.map((r) => [r.item, r.total]))
}

type Receipts = { rows: ItemPeriodTotal[]; before: { rows: number; qty: number }; outside: { rows: number; qty: number } }

/**
 * Open PO quantities per item and plan period. The database places each PO in the calendar
 * period containing its due date (or named by it); `early` marks those due before the horizon.
 */
async function receipts(conn: SqlConn, revisionId: number, calendar: CalendarRow[], position: Map<string, number>): Promise<Receipts> {
  const before = { rows: 0, qty: 0 }
  const outside = { rows: 0, qty: 0 }
  const rows: ItemPeriodTotal[] = []
  const grouped = calendar.length ? await openPoPerCalendarPeriod(conn, revisionId, calendar[0].start_date) : await openPoPerDueDate(conn, revisionId)
  const first = [...position.keys()][0]
  for (const g of grouped) {
    const { n, total: qty } = g
    if (g.period !== null && position.has(g.period)) rows.push({ item: g.item, period: g.period, total: qty })
    else if (g.early === 1 && first !== undefined) {
      rows.push({ item: g.item, period: first, total: qty })
      before.rows += n
      before.qty = round6(before.qty + qty)
    } else {
      outside.rows += n
      outside.qty = round6(outside.qty + qty)
    }
  }
  return { rows, before, outside }
}

/**
 * A plan's rows by item name (JavaScript's order, the same on both databases), each item's
 * periods in order: the stream gives items in the database's collation, which may differ.
 */
function byItemName(rows: PlanItemRow[]): void {
  const before = (a: PlanItemRow, b: PlanItemRow) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0)
  for (let i = 1; i < rows.length; i++) {
    // The sort is stable, so each item's periods keep their order; skipped when already in order.
    if (before(rows[i - 1], rows[i]) > 0) {
      rows.sort(before)
      return
    }
  }
}

async function familiesWithoutMix(conn: SqlConn, revisionId: number): Promise<PlanSummary['families_without_mix']> {
  const rows = await unsplitFamilyDemand(conn, revisionId)
  return {
    count: rows.length,
    demand: round6(rows.reduce((s, r) => s + r.total, 0)),
    examples: rows.slice(0, 10).map((r) => r.family),
  }
}
