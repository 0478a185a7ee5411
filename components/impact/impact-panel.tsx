import { UtilisationChart, type UtilisationPoint } from '@/components/charts/utilisation-chart'
import { AutoRefresh } from '@/components/diff/auto-refresh'
import { reportUrl } from '@/lib/diff/answer'
import reviewStyles from '@/components/review-form.module.css'
import { impactHeadline, percent } from '@/lib/impact/headline'
import type { ImpactState } from '@/lib/impact/request'
import type { ImpactPeriod, ImpactReport } from '@/lib/impact/schema'
import styles from './impact-panel.module.css'

/** How often the page asks the server again while the impact job is pending. */
const REFRESH_SECONDS = 2
const units = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' })

/** A delta in the colour of its effect on the plan: up is worse for backlog and utilisation. */
function Delta({ value, worseWhenUp, format = signed.format }: { value: number | null | undefined; worseWhenUp?: boolean; format?: (n: number) => string }) {
  if (value === null || value === undefined) return <span className="muted">—</span>
  const tone = value === 0 || worseWhenUp === undefined ? undefined : value > 0 === worseWhenUp ? styles.up : styles.down
  return <span className={tone}>{format(value)}</span>
}

const pointsPercent = (u: number | null | undefined) => (u === null || u === undefined ? null : Math.round(u * 1000) / 10)

function chartPoints(periods: ImpactPeriod[]): UtilisationPoint[] {
  return periods.map((p) => ({ period: p.period, reference: pointsPercent(p.reference?.utilisation), current: pointsPercent(p.current?.utilisation) }))
}

function limitText(report: ImpactReport): string {
  const { utilisation, backlog } = report.limits
  const from = (s: 'params' | 'default') => (s === 'params' ? 'the set’s planning parameters' : 'default')
  return `Marked: utilisation above ${percent(utilisation.value)} (${from(utilisation.source)}), backlog above ${units.format(backlog.value)} (${from(backlog.source)}).`
}

/** The period table's figure columns, each followed by its change against the reference. */
const NUMBER_COLUMNS = ['Demand', 'Δ', 'Capacity', 'Δ', 'Backlog', 'Δ', 'Utilisation', 'Δ (points)']

function PeriodTable({ report }: { report: ImpactReport }) {
  const warnCell = (p: ImpactPeriod, kind: 'utilisation' | 'backlog') => (p.warnings.includes(kind) ? styles.warn : undefined)
  return (
    <div className="table-wrap">
      <table className="data" aria-label="Plan per period">
        <thead>
          <tr>
            <th scope="col">Period</th>
            {NUMBER_COLUMNS.map((label, i) => (
              // Labels repeat (each figure is followed by its Δ): the position tells them apart.
              <th key={i} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.periods.map((p) => {
            const side = p.current ?? p.reference!
            return (
              <tr key={p.period}>
                <th scope="row">
                  {p.period}
                  {p.in !== 'both' && <span className="muted"> ({p.in === 'current' ? 'this revision only' : 'reference only'})</span>}
                </th>
                <td className="num">{units.format(side.demand)}</td>
                <td className="num">
                  <Delta value={p.delta?.demand} />
                </td>
                <td className="num">{units.format(side.capacity)}</td>
                <td className="num">
                  <Delta value={p.delta?.capacity} worseWhenUp={false} />
                </td>
                <td className={`num ${warnCell(p, 'backlog') ?? ''}`}>
                  {units.format(side.backlog)}
                  {p.warnings.includes('backlog') && ' ⚠'}
                </td>
                <td className="num">
                  <Delta value={p.delta?.backlog} worseWhenUp />
                </td>
                <td className={`num ${warnCell(p, 'utilisation') ?? ''}`}>
                  {percent(side.utilisation)}
                  {p.warnings.includes('utilisation') && ' ⚠'}
                </td>
                <td className="num">
                  <Delta value={p.delta?.utilisation} worseWhenUp format={(n) => signed.format(Math.round(n * 1000) / 10)} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function NewlyShort({ report }: { report: ImpactReport }) {
  const newly = report.items.filter((i) => i.change === 'newly_short')
  const still = report.items.filter((i) => i.change === 'still_short').length
  const cleared = report.items.filter((i) => i.change === 'no_longer_short').length
  return (
    <>
      <h3>Newly short items</h3>
      {newly.length === 0 ? (
        <p className="muted">No item goes short that was not short before.</p>
      ) : (
        <div className="table-wrap">
          <table className="data" aria-label="Newly short items">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">First short</th>
                <th scope="col" className="num">
                  Lowest projected inventory
                </th>
              </tr>
            </thead>
            <tbody>
              {newly.map((i) => (
                <tr key={i.item}>
                  <th scope="row">{i.item}</th>
                  <td>{i.period_first_short}</td>
                  <td className="num">{units.format(i.current_min ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(still > 0 || cleared > 0) && (
        <p className="muted">
          {still} still short, {cleared} no longer short (the API’s items list has them with the change in shortfall).
        </p>
      )}
    </>
  )
}

/**
 * "Impact on the plan": what approving the revision does to the rough-cut plan against the
 * reference, from the impact cache (docs/impact.md); while the job is pending the page refreshes.
 */
export function ImpactPanel({ impact }: { impact: ImpactState }) {
  return (
    <section className={`${reviewStyles.card} ${styles.panel}`} aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact on the plan</h2>
      {impact.state === 'ready' ? (
        <ImpactReady report={impact.cached.report} />
      ) : (
        <p className="muted" role="status">
          {impact.state === 'failed'
            ? `The planning impact could not be computed (job #${impact.job.id}): ${impact.job.error ?? 'no reason was recorded'}`
            : `The planning impact is being computed (job #${impact.job.id}); this page refreshes by itself until it is there.`}
          {impact.state !== 'failed' && <AutoRefresh seconds={REFRESH_SECONDS} url={reportUrl(impact.refs, 'impact')} />}
        </p>
      )}
    </section>
  )
}

function ImpactReady({ report }: { report: ImpactReport }) {
  const { current, reference } = report.revisions
  return (
    <>
      <p className={styles.headline}>{impactHeadline(report)}</p>
      <p className="muted">
        Rough-cut plan of r{current.revision} against {reference.label} r{reference.revision}.
      </p>
      <figure aria-label="Utilisation per period, reference and this revision">
        <UtilisationChart points={chartPoints(report.periods)} limitPercent={Math.round(report.limits.utilisation.value * 1000) / 10} />
      </figure>
      <p className={styles.limits}>{limitText(report)}</p>
      <PeriodTable report={report} />
      <NewlyShort report={report} />
    </>
  )
}
