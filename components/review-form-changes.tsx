import Link from 'next/link'
import type { ReviewData } from './review-form-state'
import styles from './review-form.module.css'

const count = new Intl.NumberFormat('en-US')
const rows = (n: number | null) => (n === null ? '—' : count.format(n))

/** What changed against the ready revision, per section (by hash and rows); the diff page has the detail. */
export function ReviewFormChanges({ label, data }: { label: string; data: ReviewData }) {
  const diffHref = `/ui/plans/input_sets/${encodeURIComponent(label)}/diff`
  const changed = data.changes.filter((c) => c.change !== 'unchanged')
  return (
    <section className={styles.card} aria-labelledby="changes-heading">
      <h2 id="changes-heading">{data.ready ? `Changes against ready r${data.ready.revision.number}` : 'Changes'}</h2>
      {!data.ready ? (
        <p className="muted">
          {data.subject.revision.status === 'draft'
            ? `${label} has no ready revision yet: approving makes this the first one.`
            : `r${data.subject.revision.number} is the revision ${label} resolves to; there is no pending draft to compare.`}
        </p>
      ) : (
        <>
          <p className={styles.changeSummary}>
            {changed.length === 0
              ? 'Same data as the ready revision (every section hash matches).'
              : `${changed.length} of ${data.changes.length} sections differ.`}
          </p>
          <div className="table-wrap">
            <table className="data" aria-label="Section changes">
              <thead>
                <tr>
                  <th scope="col">Section</th>
                  <th scope="col" className="num">Ready r{data.ready.revision.number}</th>
                  <th scope="col" className="num">Draft r{data.subject.revision.number}</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {data.changes.map((c) => (
                  <tr key={c.section}>
                    <td>{c.section}</td>
                    <td className="num">{rows(c.readyRows)}</td>
                    <td className="num">{rows(c.rows)}</td>
                    <td className={styles[c.change]}>{c.change}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p>
        <Link href={diffHref}>Open the full diff</Link> <span className="muted">(row-level changes and numeric deltas)</span>
      </p>
    </section>
  )
}
