import type { ChangedRow, FieldChange } from '@/lib/diff/types'
import { SectionCell } from '../section-cell'

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2, signDisplay: 'exceptZero' })
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, signDisplay: 'exceptZero' })

type Row = Record<string, unknown>

/** Added or removed rows: every column any row on the page has, in first-seen order. */
export function DiffRowsTable({ label, rows }: { label: string; rows: Row[] }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  return (
    <div className="table-wrap">
      <table className="data" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className={typeof row[c] === 'number' ? 'num' : undefined}>
                  <SectionCell value={row[c]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Change({ name, change }: { name: string; change: FieldChange }) {
  const numeric = change.delta !== undefined
  return (
    <li className={change.within_tolerance ? 'change change-within' : 'change'}>
      <span className="change-field">{name}</span> <SectionCell value={change.previous} /> → <SectionCell value={change.current} />
      {numeric && (
        <span className="change-delta">
          {' '}
          (Δ {signed.format(change.delta!)}
          {change.relative !== null && change.relative !== undefined && `, ${percent.format(change.relative)}`})
        </span>
      )}
      {change.within_tolerance && <span className="tolerance-mark"> within tolerance</span>}
    </li>
  )
}

/** Changed rows: the key, then each changed field with its previous and current value and deltas. */
export function DiffChangesTable({ label, rows }: { label: string; rows: ChangedRow[] }) {
  const keyColumns = [...new Set(rows.flatMap((r) => Object.keys(r.key)))]
  return (
    <div className="table-wrap">
      <table className="data" aria-label={label}>
        <thead>
          <tr>
            {keyColumns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className={row.within_tolerance ? 'row-within' : undefined}>
              {keyColumns.map((c) => (
                <td key={c}>
                  <SectionCell value={row.key[c]} />
                </td>
              ))}
              <td className="wrap">
                <ul className="changes">
                  {Object.entries(row.fields).map(([name, change]) => (
                    <Change key={name} name={name} change={change} />
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
