import type { DiffReport } from '@/lib/diff/types'
import type { SectionStem } from '@/lib/input-sets/bundle/sections'
import { fullNumber } from '../charts/chart-colors'
import { SECTION_TITLES } from '@/lib/input-sets/section-titles'

const count = new Intl.NumberFormat('en-US')
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2, signDisplay: 'exceptZero' })
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' })
// Tolerances are often tiny (1e-6); show their significant digits, not a rounded zero.
const tiny = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 })
const tinyPercent = new Intl.NumberFormat('en-US', { style: 'percent', maximumSignificantDigits: 6 })

type Total = DiffReport['summary']['demand_total']

function TotalCard({ title, total }: { title: string; total: Total }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <p className="card-big">{signed.format(total.delta)}</p>
      <p className="card-note">
        {fullNumber.format(total.reference)} → {fullNumber.format(total.current)}
        {total.reference !== 0 && ` (${percent.format(total.delta / Math.abs(total.reference))})`}
      </p>
    </section>
  )
}

/** Totals, tolerance and added / removed / changed / unchanged per section. */
export function DiffSummary({ summary, tolerance }: Pick<DiffReport, 'summary' | 'tolerance'>) {
  const rows = Object.entries(summary.sections)
  const sum = (k: 'added' | 'removed' | 'changed' | 'unchanged') => rows.reduce((s, [, c]) => s + c[k], 0)
  return (
    <>
      <div className="cards">
        <TotalCard title="Demand total" total={summary.demand_total} />
        <TotalCard title="Capacity total" total={summary.capacity_total} />
        <section className="card">
          <h2>Tolerance</h2>
          <p>
            ±{tiny.format(tolerance.abs)} absolute, ±{tinyPercent.format(tolerance.rel)} relative
          </p>
          <p className="card-note">From the current set&apos;s planning parameters; numeric changes inside it are marked.</p>
        </section>
      </div>
      <div className="table-wrap">
        <table className="data" aria-label="Changes per section">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col" className="num">
                Added
              </th>
              <th scope="col" className="num">
                Removed
              </th>
              <th scope="col" className="num">
                Changed
              </th>
              <th scope="col" className="num">
                Unchanged
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([stem, c]) => (
              <tr key={stem}>
                <th scope="row">{SECTION_TITLES[stem as SectionStem] ?? stem}</th>
                <td className="num">{count.format(c.added)}</td>
                <td className="num">{count.format(c.removed)}</td>
                <td className="num">{count.format(c.changed)}</td>
                <td className="num">{count.format(c.unchanged)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All sections</th>
              <td className="num">{count.format(sum('added'))}</td>
              <td className="num">{count.format(sum('removed'))}</td>
              <td className="num">{count.format(sum('changed'))}</td>
              <td className="num">{count.format(sum('unchanged'))}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  )
}
