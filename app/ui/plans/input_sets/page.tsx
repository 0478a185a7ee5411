import type { Metadata } from 'next'
import Link from 'next/link'
import { Pager } from '@/components/data-table/pager'
import { firstParam, hrefWith, oneOfParam, positiveParam, type SearchParams } from '@/components/data-table/url'
import { InputSetFilters } from '@/components/input-set-filters'
import { listHref, uploadHref } from '@/components/input-set-links'
import { InputSetStatusFilter } from '@/components/input-set-status-filter'
import { InputSetTable } from '@/components/input-set-table'
import '@/components/input-set-portal.css'
import { roleAtLeast } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { REVISION_STATUSES, type RevisionStatus } from '@/lib/input-sets/labels'
import { LIST_SORTS, listInputSetPage, type ListSort } from '@/lib/input-sets/queries/list'
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

  const access = await pageAccess()
  const { principal } = access
  const [result, configVersions] = await Promise.all([
    listInputSetPage(access, { q: q || undefined, status, configVersionId, sort, dir, page, pageSize: PAGE_SIZE }),
    listConfigVersions(),
  ])
  const all = Object.values(result.status_counts).reduce((a, b) => a + b, 0)
  const query = { q, status, config_version_id: configVersionId, sort, dir, page }
  const filtered = Boolean(q || status || configVersionId)

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
      <InputSetStatusFilter status={status} counts={result.status_counts} total={all} query={query} />
      <InputSetFilters
        q={q}
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
