// The sentence the review page leads its "Impact on the plan" panel with (docs/impact.md),
// built from the two summaries: what approving the draft does to peak utilisation, to the
// backlog left at the end of the horizon, and to the number of short items.
import type { ImpactReport, PlanImpactSummary } from './schema'

const units = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
export const percent = (u: number | null): string => (u === null ? '—' : `${Math.round(u * 1000) / 10} %`)

function peak(s: PlanImpactSummary): string {
  return s.peak_period === null ? 'no utilisation (no capacity)' : `${percent(s.peak_utilisation)} in ${s.peak_period}`
}

function utilisationPart(now: PlanImpactSummary, before: PlanImpactSummary): string {
  const a = now.peak_utilisation ?? 0
  const b = before.peak_utilisation ?? 0
  if (a === b && now.peak_period === before.peak_period) return `keeps peak utilisation at ${peak(now)}`
  return `${a > b ? 'raises' : a < b ? 'lowers' : 'moves'} peak utilisation from ${peak(before)} to ${peak(now)}`
}

function backlogPart(now: PlanImpactSummary, before: PlanImpactSummary): string {
  if (now.ending_backlog === 0 && before.ending_backlog === 0) return 'carries no backlog to the end of the horizon'
  const was = now.ending_backlog === before.ending_backlog ? ' (unchanged)' : ` (was ${units.format(before.ending_backlog)})`
  return `carries ${units.format(now.ending_backlog)} units of backlog to the end of the horizon${was}`
}

function itemsPart(report: Pick<ImpactReport, 'items'>): string {
  const newly = report.items.filter((i) => i.change === 'newly_short').length
  const cleared = report.items.filter((i) => i.change === 'no_longer_short').length
  const parts = [newly === 0 ? 'makes no item newly short' : `makes ${newly} ${newly === 1 ? 'item' : 'items'} short`]
  if (cleared > 0) parts.push(`clears the shortage of ${cleared}`)
  return parts.join(' and ')
}

/** "Approving this draft raises peak utilisation from 85 % in 2025-03 to 100 % in 2025-01, carries …, and makes 3 items short." */
export function impactHeadline(report: Pick<ImpactReport, 'summary' | 'items'>, subject = 'Approving this draft'): string {
  const { current, reference } = report.summary
  return `${subject} ${utilisationPart(current, reference)}, ${backlogPart(current, reference)}, and ${itemsPart(report)}.`
}
