import Link from 'next/link'
import type { RevisionStatus } from '@/lib/input-sets/labels'
import { hrefWith, type QueryValues } from './data-table/url'
import { FILTERABLE_STATUSES } from './input-set-filters'
import { listHref } from './input-set-links'

type Props = { status?: RevisionStatus; counts: Record<RevisionStatus, number>; total: number; query: QueryValues }

/** Counts per status that double as a one-click filter; the current choice is marked. */
export function InputSetStatusFilter({ status, counts, total, query }: Props) {
  const options: { value?: RevisionStatus; text: string; n: number }[] = [
    { text: 'All', n: total },
    ...FILTERABLE_STATUSES.map((s) => ({ value: s, text: s, n: counts[s] })),
  ]
  return (
    <nav className="status-filter" aria-label="Filter by status">
      {options.map((o) => {
        const current = o.value === status
        return (
          <Link
            key={o.text}
            href={hrefWith(listHref, query, { status: o.value, page: undefined })}
            className={`status-chip${current ? ' status-chip-current' : ''}${o.value ? ` status-chip-${o.value}` : ''}`}
            aria-current={current ? 'true' : undefined}
          >
            {o.text} <span className="status-chip-count">{o.n}</span>
          </Link>
        )
      })}
    </nav>
  )
}
