// The diff page's chart data from a report's pivots: demand and capacity deltas per period,
// plus the demand delta of each of the families that changed most, so the chart can show
// one family on selection without shipping the whole family × period pivot to the browser.
import type { DiffReport } from './types'

export type DeltaPoint = { period: string; demand: number; capacity: number; families: Record<string, number> }

export type DeltaChart = { points: DeltaPoint[]; families: string[]; familiesShown: number; familiesChanged: number }

/** Families listed for selection: the ones with the largest total absolute change. */
const CHART_FAMILIES = 20

export function deltaChart(pivots: DiffReport['pivots']): DeltaChart {
  const byPeriod = new Map<string, DeltaPoint>()
  const point = (period: string) => {
    let p = byPeriod.get(period)
    if (!p) byPeriod.set(period, (p = { period, demand: 0, capacity: 0, families: {} }))
    return p
  }
  const weight = new Map<string, number>()
  for (const d of pivots.demand) {
    point(d.period).demand += d.delta
    weight.set(d.family, (weight.get(d.family) ?? 0) + Math.abs(d.delta))
  }
  for (const c of pivots.capacity) point(c.period).capacity += c.delta
  const families = [...weight.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, CHART_FAMILIES)
    .map(([family]) => family)
  const shown = new Set(families)
  for (const d of pivots.demand) if (shown.has(d.family)) point(d.period).families[d.family] = d.delta
  // Period codes sort in time order (YYYY-MM, YYYY-Www, dates).
  const points = [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
  return { points, families: families.sort(), familiesShown: families.length, familiesChanged: weight.size }
}
