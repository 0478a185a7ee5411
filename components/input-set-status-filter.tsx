import Link from 'next/link'
import type { RevisionStatus } from '@/lib/input-sets/labels'
import type { StatusCounts } from '@/lib/input-sets/queries/list'
import { hrefWith, type QueryValues } from './data-table/url'
import { FILTERABLE_STATUSES } from './input-set-filters'
import { listHref } from './input-set-links'

type Props = {
  status?: RevisionStatus
  /** The Awaiting review view is on. */
  awaiting: boolean
  counts: StatusCounts
  total: number
  query: QueryValues
  /** The `awaiting_review` value "All" needs: 'false' where the page would otherwise land on Awaiting review. */
  allAwaitingValue?: string
}

// A status is that of the revision a label shows (its ready one, if any); a draft pending beside a
// ready revision counts under Awaiting review, which the chip's title says.
const TITLES: Partial<Record<RevisionStatus | 'awaiting', string>> = {
  awaiting: 'Every set with a draft waiting for review, whether or not it also has a ready revision',
  draft: 'Sets with no ready revision yet; a new draft of a ready set is under Awaiting review',
}

/** Counts per status, and of sets awaiting review, that double as a one-click filter; the current choice is marked. */
export function InputSetStatusFilter({ status, awaiting, counts, total, query, allAwaitingValue }: Props) {
  const options: { key: string; text: string; n: number; current: boolean; values: QueryValues; className?: string }[] = [
    { key: 'all', text: 'All', n: total, current: !status && !awaiting, values: { status: undefined, awaiting_review: allAwaitingValue } },
    {
      key: 'awaiting',
      text: 'Awaiting review',
      n: counts.awaiting_review,
      current: awaiting,
      values: { status: undefined, awaiting_review: 'true' },
      className: 'status-chip-awaiting',
    },
    ...FILTERABLE_STATUSES.map((s) => ({
      key: s,
      text: s,
      n: counts[s],
      current: s === status,
      values: { status: s, awaiting_review: undefined },
      className: `status-chip-${s}`,
    })),
  ]
  return (
    <nav className="status-filter" aria-label="Filter by status">
      {options.map((o) => (
        <Link
          key={o.key}
          href={hrefWith(listHref, query, { ...o.values, page: undefined })}
          className={`status-chip${o.current ? ' status-chip-current' : ''}${o.className ? ` ${o.className}` : ''}`}
          aria-current={o.current ? 'true' : undefined}
          title={TITLES[o.key as RevisionStatus | 'awaiting']}
        >
          {o.text} <span className="status-chip-count">{o.n}</span>
        </Link>
      ))}
    </nav>
  )
}
