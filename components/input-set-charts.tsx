import type { InputSetCharts as ChartTotals } from '@/lib/input-sets/queries/chart-data'
import { DemandByFamilyChart } from './charts/demand-by-family-chart'
import { DemandCapacityChart } from './charts/demand-capacity-chart'

/** Both charts of one revision, drawn from its per-period totals. */
export function InputSetCharts({ charts }: { charts: ChartTotals }) {
  if (charts.demandVsCapacity.length === 0) {
    return <p className="empty">This revision has no demand or capacity rows to chart.</p>
  }
  return (
    <div className="charts">
      <figure className="chart-card">
        <figcaption>
          Demand by family per period
          {charts.otherFamilies > 0 && (
            <span className="muted">
              {' '}
              · the {charts.families.length} largest families; {charts.otherFamilies} more summed as “other”
            </span>
          )}
        </figcaption>
        <DemandByFamilyChart points={charts.demandByFamily} families={charts.families} otherFamilies={charts.otherFamilies} />
      </figure>
      <figure className="chart-card">
        <figcaption>Demand vs capacity per period</figcaption>
        <DemandCapacityChart points={charts.demandVsCapacity} resourceTypes={charts.resourceTypes} />
      </figure>
    </div>
  )
}

export function InputSetChartsFallback() {
  return (
    <div className="charts" aria-busy="true">
      <div className="chart-card chart-placeholder">Summing demand and capacity…</div>
      <div className="chart-card chart-placeholder">Summing demand and capacity…</div>
    </div>
  )
}
