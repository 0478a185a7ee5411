// Projected inventory per item (formulas in rough-cut.ts), carried through the periods as the
// SKU split streams in from the database: one item's periods are held at a time, besides each
// item's stock and open PO receipts (a few rows per item), so memory does not grow with the set.
import { round6 } from './round'
import type { ItemPeriodTotal } from './rough-cut-sums'

export type PlanItemRow = { item: string; position: number; period: string; demand: number; receipts: number; inventory: number }

type Receipt = { at: number; total: number }

/**
 * Emits every item's rows, period by period: first the items of the SKU split in the order they
 * are added, then (finish) the items with only stock or receipts, by name. Each item of the split
 * is added once, with all its rows; a split may come in several streams (the planning impact
 * adds the items two revisions share to both of their projections, lib/impact/plan-pair.ts).
 */
export class InventoryProjection {
  private readonly receiptsOf: Map<string, Receipt[]>
  private readonly itemDemand: Float64Array
  private readonly done = new Set<string>()

  constructor(
    private readonly periods: string[],
    private readonly position: Map<string, number>,
    private readonly start: Map<string, number>,
    receipts: ItemPeriodTotal[],
    private readonly emit: (row: PlanItemRow) => void,
  ) {
    this.receiptsOf = receiptsByItem(receipts, position)
    this.itemDemand = new Float64Array(periods.length)
  }

  /** Adds a stream of the split that holds each item's rows together (rough-cut-sums.ts orders it by SKU). */
  async add(demand: AsyncIterable<ItemPeriodTotal[]>): Promise<void> {
    for await (const [item, rows] of itemRuns(demand)) this.item(item, rows)
  }

  /** Adds one item of the split, all its rows; periods outside the plan are left out. */
  item(item: string, rows: ItemPeriodTotal[]): void {
    // A second run of one item would emit it twice: the split's order is a precondition.
    if (this.done.has(item)) throw new Error(`The SKU split returned the rows of '${item}' apart; they must come together.`)
    for (const r of rows) {
      const at = this.position.get(r.period)
      if (at !== undefined) this.itemDemand[at] += r.total
    }
    this.carry(item)
  }

  /** Emits the items that have stock or receipts but no split rows, by name. */
  finish(): void {
    const rest = new Set([...this.receiptsOf.keys(), ...this.start.keys()].filter((item) => !this.done.has(item)))
    for (const item of [...rest].sort()) this.carry(item)
  }

  private carry(item: string): void {
    const { periods, itemDemand } = this
    this.done.add(item)
    const inflow = new Float64Array(periods.length)
    // In the order the receipts came: a float sum depends on it, and the plan must not change.
    for (const r of this.receiptsOf.get(item) ?? []) inflow[r.at] += r.total
    let stock = this.start.get(item) ?? 0
    for (let i = 0; i < periods.length; i++) {
      stock = round6(stock + inflow[i] - itemDemand[i])
      this.emit({ item, position: i, period: periods[i], demand: round6(itemDemand[i]), receipts: round6(inflow[i]), inventory: stock })
    }
    itemDemand.fill(0)
  }
}

/** The split's rows one item at a time: [item, its rows], as the stream gives them. */
export async function* itemRuns(demand: AsyncIterable<ItemPeriodTotal[]>): AsyncGenerator<[string, ItemPeriodTotal[]]> {
  let current: string | undefined
  let rows: ItemPeriodTotal[] = []
  for await (const batch of demand) {
    for (const r of batch) {
      if (r.item !== current) {
        if (current !== undefined) yield [current, rows]
        current = r.item
        rows = []
      }
      rows.push(r)
    }
  }
  if (current !== undefined) yield [current, rows]
}

function receiptsByItem(receipts: ItemPeriodTotal[], position: Map<string, number>): Map<string, Receipt[]> {
  const out = new Map<string, Receipt[]>()
  for (const r of receipts) {
    const list = out.get(r.item) ?? []
    list.push({ at: position.get(r.period)!, total: r.total })
    out.set(r.item, list)
  }
  return out
}
