// Projected inventory per item (formulas in rough-cut.ts), carried through the periods as the
// SKU split streams in from the database: one item's periods are held at a time, besides each
// item's stock and open PO receipts (a few rows per item), so memory does not grow with the set.
import { round6 } from './round'
import type { ItemPeriodTotal } from './rough-cut-sums'

export type PlanItemRow = { item: string; position: number; period: string; demand: number; receipts: number; inventory: number }

type Receipt = { at: number; total: number }

/**
 * Emits every item's rows, period by period: first the items of the SKU split in the order the
 * stream gives them, then the items with only stock or receipts, by name. `demand` must hold
 * each item's rows together (rough-cut-sums.ts orders it by SKU).
 */
export async function projectInventory(
  periods: string[],
  position: Map<string, number>,
  demand: AsyncIterable<ItemPeriodTotal[]>,
  start: Map<string, number>,
  receipts: ItemPeriodTotal[],
  emit: (row: PlanItemRow) => void,
): Promise<void> {
  const receiptsOf = receiptsByItem(receipts, position)
  const itemDemand = new Float64Array(periods.length)
  const done = new Set<string>()
  const carry = (item: string) => {
    done.add(item)
    const inflow = new Float64Array(periods.length)
    // In the order the receipts came: a float sum depends on it, and the plan must not change.
    for (const r of receiptsOf.get(item) ?? []) inflow[r.at] += r.total
    let stock = start.get(item) ?? 0
    for (let i = 0; i < periods.length; i++) {
      stock = round6(stock + inflow[i] - itemDemand[i])
      emit({ item, position: i, period: periods[i], demand: round6(itemDemand[i]), receipts: round6(inflow[i]), inventory: stock })
    }
    itemDemand.fill(0)
  }
  let current: string | undefined
  for await (const batch of demand) {
    for (const r of batch) {
      if (r.item !== current) {
        if (current !== undefined) carry(current)
        // A second run of one item would emit it twice: the stream's order is a precondition.
        if (done.has(r.item)) throw new Error(`The SKU split returned the rows of '${r.item}' apart; they must come together.`)
        current = r.item
      }
      const at = position.get(r.period)
      if (at !== undefined) itemDemand[at] += r.total
    }
  }
  if (current !== undefined) carry(current)
  const rest = new Set([...receiptsOf.keys(), ...start.keys()].filter((item) => !done.has(item)))
  for (const item of [...rest].sort()) carry(item)
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
