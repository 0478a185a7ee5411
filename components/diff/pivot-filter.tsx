import type { PivotMeasure } from '@/lib/diff/pivot-table'

type Props = {
  action: string
  q: string
  measure: PivotMeasure | undefined
  /** The page's other URL values (reference, section, sort), kept by the filter. */
  keep: Record<string, string | number | undefined>
}

/** A plain GET form for the family × period table: the filter lives in the URL and works without JS. */
export function PivotFilter({ action, q, measure, keep }: Props) {
  return (
    <form className="filters pivot-filter" method="get" action={`${action}#cells`} role="search" aria-label="Filter the family × period table">
      <label>
        Family, work centre or period
        <input type="search" name="cells_q" defaultValue={q} maxLength={128} placeholder="e.g. F1 or 2025-02" />
      </label>
      <label>
        Measure
        <select name="cells_measure" defaultValue={measure ?? ''}>
          <option value="">Demand and capacity</option>
          <option value="demand">Demand</option>
          <option value="capacity">Capacity</option>
        </select>
      </label>
      {Object.entries(keep).map(([name, value]) =>
        value === undefined || value === '' ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
      <button type="submit">Filter</button>
    </form>
  )
}
