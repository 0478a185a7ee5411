import Link from 'next/link'
import type { RevisionStatus } from '@/lib/input-sets/labels'

// A current revision is never superseded, so that status is not offered as a filter.
const FILTERABLE: RevisionStatus[] = ['ready', 'draft', 'archived']

type Props = { q: string; status?: RevisionStatus; counts: Record<RevisionStatus, number>; total: number }

/** A plain GET form: filters live in the URL, so they can be shared and work without JS. */
export function InputSetFilters({ q, status, counts, total }: Props) {
  return (
    <form className="filters" method="get" action="/ui/plans/input_sets" role="search">
      <label>
        Search label
        <input type="search" name="q" defaultValue={q} maxLength={128} placeholder="e.g. fy26" />
      </label>
      <label>
        Status
        <select name="status" defaultValue={status ?? ''}>
          <option value="">All ({total})</option>
          {FILTERABLE.map((s) => (
            <option key={s} value={s}>
              {s} ({counts[s]})
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
      {(q || status) && (
        <Link className="reset" href="/ui/plans/input_sets">
          Reset
        </Link>
      )}
    </form>
  )
}
