import Link from 'next/link'
import { diffPollUrl } from '@/lib/diff/answer'
import type { DiffState } from '@/lib/diff/request'
import { sectionTitle } from '@/lib/input-sets/section-titles'
import { AutoRefresh } from './diff/auto-refresh'
import type { ReviewData } from './review-form-state'
import styles from './review-form.module.css'

const count = new Intl.NumberFormat('en-US')
/** How often the page asks the server again while the row-level counts are generated. */
const REFRESH_SECONDS = 2
const rows = (n: number | null) => (n === null ? '—' : count.format(n))

/** `+added −removed ~changed` from the diff report, when it has been generated. */
function rowChanges(diff: DiffState | undefined, section: string): string | null {
  const c = diff?.state === 'ready' ? diff.cached.report.summary.sections[section] : undefined
  return c ? `+${count.format(c.added)} −${count.format(c.removed)} ~${count.format(c.changed)}` : null
}

/**
 * What changed against the ready revision, per section: by hash and rows at once, and by rows
 * added / removed / changed once the background diff job has produced its report.
 */
export function ReviewFormChanges({ label, data, diff }: { label: string; data: ReviewData; diff?: DiffState }) {
  const diffHref = data.ready
    ? `/ui/plans/input_sets/${encodeURIComponent(`${label}@draft`)}/diff?against=${encodeURIComponent(label)}`
    : `/ui/plans/input_sets/${encodeURIComponent(label)}/diff`
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
            {changed.length === 0 ? 'Same data as the ready revision (every section hash matches).' : `${changed.length} of ${data.changes.length} sections differ.`}
          </p>
          <div className="table-wrap">
            <table className="data" aria-label="Section changes">
              <thead>
                <tr>
                  <th scope="col">Section</th>
                  <th scope="col" className="num">
                    Ready r{data.ready.revision.number}
                  </th>
                  <th scope="col" className="num">
                    Draft r{data.subject.revision.number}
                  </th>
                  <th scope="col">Change</th>
                  {diff?.state === 'ready' && <th scope="col">Rows</th>}
                </tr>
              </thead>
              <tbody>
                {data.changes.map((c) => (
                  <tr key={c.section}>
                    <th scope="row">{sectionTitle(c.section)}</th>
                    <td className="num">{rows(c.readyRows)}</td>
                    <td className="num">{rows(c.rows)}</td>
                    <td className={styles[c.change]}>{c.change}</td>
                    {diff?.state === 'ready' && <td>{rowChanges(diff, c.section) ?? '—'}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {diff && diff.state !== 'ready' && (
            <p className="muted" role="status">
              {diff.state === 'failed'
                ? `The row-level diff failed (job #${diff.job.id}); the diff page offers a retry.`
                : `Row-level counts are being generated (diff job #${diff.job.id}); this page refreshes by itself until they are there.`}
              {diff.state !== 'failed' && <AutoRefresh seconds={REFRESH_SECONDS} url={diffPollUrl(diff.refs)} />}
            </p>
          )}
        </>
      )}
      <p>
        <Link href={diffHref}>Open the full diff</Link> <span className="muted">(row-level changes and numeric deltas)</span>
      </p>
    </section>
  )
}
