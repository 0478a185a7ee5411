// The planning impact of two rough-cut plans (docs/impact.md): the plan of the current revision
// beside that of the reference, per period with deltas, the summary of each, and the items whose
// projected inventory goes negative in either. Pure: the plans come from lib/plans/rough-cut.ts.
import type { ImpactLimit } from '../input-sets/bundle/params'
import { endingBacklog, round6, type PlanCore, type PlanItemRow, type PlanPeriodRow } from '../plans/rough-cut'
import { ITEM_CHANGES, type ImpactItem, type ImpactPeriod, type ImpactReport, type PeriodFigures, type PlanImpactSummary } from './schema'

export type ImpactLimits = { utilisation: ImpactLimit; backlog: ImpactLimit }
export type ImpactComparison = Pick<ImpactReport, 'limits' | 'summary' | 'periods' | 'items'>

/** What the comparison keeps of a plan: its periods and summary, and each item's low point (not every item × period). */
export type PlanDigest = { periods: PlanPeriodRow[]; summary: PlanImpactSummary; lows: Map<string, ItemLow> }

/** One plan's digest: its item rows pass through `onItemRow` one by one, never all at once; `digest` once the plan is done. */
export function planDigester(): { onItemRow: (row: PlanItemRow) => void; digest: (plan: PlanCore) => PlanDigest } {
  const low = new Map<string, ItemLow>()
  return { onItemRow: (row) => addLow(low, row), digest: (plan) => ({ periods: plan.periods, summary: summarise(plan), lows: low }) }
}

export function compareRoughCuts(current: PlanDigest, reference: PlanDigest, limits: ImpactLimits): ImpactComparison {
  return {
    limits,
    summary: { current: current.summary, reference: reference.summary },
    periods: comparePeriods(current.periods, reference.periods, limits),
    items: compareItems(current.lows, reference.lows),
  }
}

/** Periods over capacity are those that carry backlog on: demand plus backlog in exceeded capacity. */
function summarise(plan: PlanCore): PlanImpactSummary {
  let peak: PlanPeriodRow | undefined
  for (const p of plan.periods) if (p.utilisation !== null && (peak === undefined || p.utilisation > peak.utilisation!)) peak = p
  return {
    peak_utilisation: peak?.utilisation ?? null,
    peak_period: peak?.period ?? null,
    ending_backlog: endingBacklog(plan.periods),
    periods_over_capacity: plan.periods.filter((p) => p.backlog > 0).length,
    short_items: plan.items_short,
  }
}

function figures(p: PlanPeriodRow): PeriodFigures {
  return { demand: p.demand, capacity: p.capacity, supply: p.supply, backlog: p.backlog, utilisation: p.utilisation }
}

/**
 * The current plan's periods in its order, then periods only the reference plan has, in the
 * reference's order. A period in one plan only has null on the other side and a null delta:
 * a missing period is not a period of zeros (its backlog would be carried, not zero).
 */
function comparePeriods(current: PlanPeriodRow[], reference: PlanPeriodRow[], limits: ImpactLimits): ImpactPeriod[] {
  const byPeriod = new Map(reference.map((p) => [p.period, p]))
  const seen = new Set(current.map((p) => p.period))
  const rows: ImpactPeriod[] = current.map((c) => {
    const r = byPeriod.get(c.period)
    return {
      period: c.period,
      in: r ? 'both' : 'current',
      current: figures(c),
      reference: r ? figures(r) : null,
      delta: r ? delta(c, r) : null,
      warnings: warnings(c, limits),
    }
  })
  for (const r of reference) {
    if (!seen.has(r.period)) rows.push({ period: r.period, in: 'reference', current: null, reference: figures(r), delta: null, warnings: [] })
  }
  return rows
}

function delta(c: PlanPeriodRow, r: PlanPeriodRow): PeriodFigures {
  return {
    demand: round6(c.demand - r.demand),
    capacity: round6(c.capacity - r.capacity),
    supply: round6(c.supply - r.supply),
    backlog: round6(c.backlog - r.backlog),
    utilisation: c.utilisation === null || r.utilisation === null ? null : round6(c.utilisation - r.utilisation),
  }
}

function warnings(p: PlanPeriodRow, limits: ImpactLimits): ImpactPeriod['warnings'] {
  const out: ImpactPeriod['warnings'] = []
  if (p.utilisation !== null && p.utilisation > limits.utilisation.value) out.push('utilisation')
  if (p.backlog > limits.backlog.value) out.push('backlog')
  return out
}

type ItemLow = { min: number; firstShort: string | null }

/** Folds one item × period row (in period order) into its item's lowest projected inventory and first short period. */
function addLow(out: Map<string, ItemLow>, row: PlanItemRow): void {
  const low = out.get(row.item)
  if (!low) out.set(row.item, { min: row.inventory, firstShort: row.inventory < 0 ? row.period : null })
  else {
    low.min = Math.min(low.min, row.inventory)
    if (low.firstShort === null && row.inventory < 0) low.firstShort = row.period
  }
}

const shortfall = (low: ItemLow | undefined): number => (low && low.min < 0 ? -low.min : 0)

/** Items short in either plan: newly short first, then still short, then no longer short; the largest growth in shortfall first. */
function compareItems(now: Map<string, ItemLow>, before: Map<string, ItemLow>): ImpactItem[] {
  const out: ImpactItem[] = []
  for (const item of new Set([...now.keys(), ...before.keys()])) {
    const c = now.get(item)
    const r = before.get(item)
    const shortNow = shortfall(c) > 0
    const shortBefore = shortfall(r) > 0
    if (!shortNow && !shortBefore) continue
    out.push({
      item,
      change: shortNow && shortBefore ? 'still_short' : shortNow ? 'newly_short' : 'no_longer_short',
      period_first_short: c?.firstShort ?? null,
      reference_period_first_short: r?.firstShort ?? null,
      current_min: c?.min ?? null,
      reference_min: r?.min ?? null,
      shortfall_change: round6(shortfall(c) - shortfall(r)),
    })
  }
  const order = (i: ImpactItem) => ITEM_CHANGES.indexOf(i.change)
  return out.sort((a, b) => order(a) - order(b) || b.shortfall_change - a.shortfall_change || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
}
