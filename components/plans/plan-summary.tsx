import type { PlanSummary } from '@/lib/plans/rough-cut'

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** The summary's totals and what the plan could not place (unsplit families, POs outside the horizon); shortages are a warning of their own (short-items-warning.tsx). */
export function PlanSummaryNotes({ summary: s }: { summary: PlanSummary }) {
  return (
    <ul className="summary" aria-label="Plan summary">
      <li>
        Demand {number.format(s.total_demand)} · capacity {number.format(s.total_capacity)} · planned supply {number.format(s.total_supply)} · backlog at the end{' '}
        {number.format(s.ending_backlog)}
        {s.peak_utilisation !== null && <> · peak utilisation {number.format(s.peak_utilisation * 100)}%</>}
      </li>
      {s.periods_without_capacity.length > 0 && (
        <li>No capacity in {s.periods_without_capacity.join(', ')}: nothing is supplied there, demand is carried as backlog.</li>
      )}
      {s.families_without_mix.count > 0 && (
        <li>
          {s.families_without_mix.count} families without mix shares ({s.families_without_mix.examples.join(', ')}
          {s.families_without_mix.count > s.families_without_mix.examples.length ? ', …' : ''}): {number.format(s.families_without_mix.demand)} demand not split to
          SKUs.
        </li>
      )}
      {s.open_po_before_horizon.rows > 0 && (
        <li>
          {s.open_po_before_horizon.rows} open POs ({number.format(s.open_po_before_horizon.qty)}) were due before the first period and are received in it.
        </li>
      )}
      {s.open_po_outside_horizon.rows > 0 && (
        <li>
          {s.open_po_outside_horizon.rows} open POs ({number.format(s.open_po_outside_horizon.qty)}) are due after the horizon (or in no period): not in the plan.
        </li>
      )}
      {s.periods_outside_calendar.length > 0 && <li>Periods not in the calendar, planned after it: {s.periods_outside_calendar.join(', ')}.</li>}
    </ul>
  )
}
