import type { Metadata } from 'next'
import Link from 'next/link'
import { Pager } from '@/components/data-table/pager'
import { firstParam, hrefWith, oneOfParam, positiveParam, type SearchParams } from '@/components/data-table/url'
import { InputSetFilters } from '@/components/input-set-filters'
import { listHref, uploadHref } from '@/components/input-set-links'
import { InputSetStatusFilter } from '@/components/input-set-status-filter'
import { InputSetTable } from '@/components/input-set-table'
import '@/components/input-set-portal.css'
import { hasScope, roleAtLeast } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { REVISION_STATUSES, type RevisionStatus } from '@/lib/input-sets/labels'
import { countAwaitingReview, LIST_SORTS, listInputSetPage, type ListSort } from '@/lib/input-sets/queries/list'
import { listConfigVersions } from '@/lib/input-sets/verbs/config-versions'
import { MAX_PAGE } from '@/lib/schema'
import { pageAccess } from '../../current-principal'

// Reads the database on every request; nothing here may run at build time.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Input sets' }

const PAGE_SIZE = 50

export default async function InputSetsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  const q = firstParam(params.q).slice(0, 128)
  const status = oneOfParam<RevisionStatus>(REVISION_STATUSES, firstParam(params.status))
  const configVersionId = positiveParam(firstParam(params.config_version_id), Number.MAX_SAFE_INTEGER)
  const sort = oneOfParam<ListSort>(LIST_SORTS, firstParam(params.sort)) ?? 'label'
  const dir = firstParam(params.dir) === 'desc' ? 'desc' : 'asc'
  const page = positiveParam(firstParam(params.page), MAX_PAGE) ?? 1

  const awaitingParam = firstParam(params.awaiting_review)
  const awaitingChosen = awaitingParam === 'true' ? true : awaitingParam === 'false' ? false : undefined

  const access = await pageAccess()
  const { principal } = access
  // An approver lands on what waits for review, if anything does; a filter in the URL wins.
  const mayReview = hasScope(principal, 'input_sets:review')
  const awaiting = awaitingChosen ?? (mayReview && !q && !status && !configVersionId ? (await countAwaitingReview(access)) > 0 : false)
  const [result, configVersions] = await Promise.all([
    listInputSetPage(access, { q: q || undefined, status, configVersionId, awaitingReview: awaiting, sort, dir, page, pageSize: PAGE_SIZE }),
    listConfigVersions(),
  ])
  const all = REVISION_STATUSES.reduce((sum, s) => sum + result.status_counts[s], 0)
  // Links keep the view; "All" says so explicitly where the page would otherwise land on Awaiting review.
  const query = {
    q,
    status,
    config_version_id: configVersionId,
    awaiting_review: awaiting ? 'true' : awaitingChosen === false ? 'false' : undefined,
    sort,
    dir,
    page,
  }
  const filtered = Boolean(q || status || configVersionId || awaiting)

  return (
    <>
      <div className="page-head">
        <h1>Input sets</h1>
        {roleAtLeast(principal.role, 'editor') && (
          <Link className="button" href={uploadHref}>
            Upload
          </Link>
        )}
      </div>
      <InputSetStatusFilter
        status={status}
        awaiting={awaiting}
        counts={result.status_counts}
        total={all}
        query={query}
        allAwaitingValue={mayReview ? 'false' : undefined}
      />
      <InputSetFilters
        // A new view gets a fresh form: its fields are uncontrolled, and a chip's client-side navigation would keep the old values.
        key={`${q}|${status ?? ''}|${configVersionId ?? ''}|${awaiting}`}
        q={q}
        awaiting={awaiting}
        status={status}
        configVersionId={configVersionId}
        configVersions={configVersions}
        counts={result.status_counts}
        total={all}
        sort={sort}
        dir={dir}
      />
      {result.data.length > 0 ? (
        <>
          <InputSetTable rows={result.data} timeZone={env().DISPLAY_TIME_ZONE} sort={sort} dir={dir} query={query} />
          <Pager label="Input sets" page={page} pageSize={PAGE_SIZE} total={result.total} href={(p) => hrefWith(listHref, query, { page: p })} />
        </>
      ) : result.total > 0 ? (
        <div className="empty" role="status">
          <p>Page {page} is past the end of this list.</p>
          <p>
            <Link href={hrefWith(listHref, query, { page: undefined })}>Back to the first page</Link>
          </p>
        </div>
      ) : awaiting && !q && !status && !configVersionId ? (
        <div className="empty" role="status">
          <p>No draft is waiting for review.</p>
          <p>
            <Link href={hrefWith(listHref, {}, { awaiting_review: 'false' })}>All input sets</Link>
          </p>
        </div>
      ) : filtered ? (
        <div className="empty" role="status">
          <p>No input sets match these filters.</p>
          <p>
            <Link href={listHref}>Clear filters</Link>
          </p>
        </div>
      ) : (
        <div className="empty" role="status">
          <p>No input sets yet.</p>
          <p>
            {roleAtLeast(principal.role, 'editor') ? (
              <>
                <Link href={uploadHref}>Upload a bundle</Link> to create the first one.
              </>
            ) : (
              'An editor uploads the first one; you will see it here once it is there.'
            )}
          </p>
        </div>
      )}
    </>
  )
}
