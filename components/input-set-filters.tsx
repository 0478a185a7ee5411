import Link from 'next/link'
import type { RevisionStatus } from '@/lib/input-sets/labels'
import type { ConfigVersionView } from '@/lib/input-sets/verbs/config-versions'
import { listHref } from './input-set-links'

// A current revision is never superseded, so that status is not offered as a filter.
export const FILTERABLE_STATUSES: RevisionStatus[] = ['ready', 'draft', 'archived']

type Props = {
  q: string
  /** The Awaiting review view is on; kept by a new search. */
  awaiting: boolean
  status?: RevisionStatus
  configVersionId?: number
  configVersions: ConfigVersionView[]
  counts: Record<RevisionStatus, number>
  total: number
  sort: string
  dir: string
}

/** A plain GET form: filters live in the URL, so they can be shared and work without JS. */
export function InputSetFilters({ q, awaiting, status, configVersionId, configVersions, counts, total, sort, dir }: Props) {
  const filtered = Boolean(q || status || configVersionId || awaiting)
  return (
    <form className="filters" method="get" action={listHref} role="search">
      <label>
        Search label
        <input type="search" name="q" defaultValue={q} maxLength={128} placeholder="e.g. fy26" />
      </label>
      <label>
        Status
        <select name="status" defaultValue={status ?? ''}>
          <option value="">All ({total})</option>
          {FILTERABLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s} ({counts[s]})
            </option>
          ))}
        </select>
      </label>
      <label>
        Config version
        <select name="config_version_id" defaultValue={configVersionId ?? ''}>
          <option value="">All versions</option>
          {configVersions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id} · {v.name}
            </option>
          ))}
        </select>
      </label>
      {/* The chosen order survives a new search; the page starts again at 1. */}
      <input type="hidden" name="sort" value={sort} />
      <input type="hidden" name="dir" value={dir} />
      {/* Sent either way: a form without it would be the approver's default landing, not "all". */}
      <input type="hidden" name="awaiting_review" value={awaiting ? 'true' : 'false'} />
      <button type="submit">Apply</button>
      {filtered && (
        <Link className="reset" href={listHref}>
          Reset
        </Link>
      )}
    </form>
  )
}
