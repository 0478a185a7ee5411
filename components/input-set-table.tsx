import type { InputSetSummary } from '@/lib/input-sets/list'
import { formatDateTime } from './format-time'
import { StatusPill } from './status-pill'

const count = new Intl.NumberFormat('en-US')

export function InputSetTable({ rows, timeZone }: { rows: InputSetSummary[]; timeZone: string }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Revision</th>
            <th scope="col" className="num">Config version</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col">Updated</th>
            <th scope="col">Approved by</th>
            <th scope="col">Approved at</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((set) => (
            <tr key={set.label}>
              <td className="label-cell">{set.label}</td>
              <td>
                <StatusPill status={set.status} />
              </td>
              <td className="num">
                r{set.revision}
                {set.draft_revision !== null && <span className="note">draft r{set.draft_revision} pending</span>}
              </td>
              <td className="num">{set.config_version_id}</td>
              <td className="num">{count.format(set.rows)}</td>
              <td>{formatDateTime(set.updated_at, timeZone)}</td>
              <td>{set.approved_by ?? <span className="muted">—</span>}</td>
              <td>{set.approved_at ? formatDateTime(set.approved_at, timeZone) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
