import type { Metadata } from 'next'
import Link from 'next/link'
import { Pager } from '@/components/data-table/pager'
import { firstParam, hrefWith, positiveParam, type SearchParams } from '@/components/data-table/url'
import '@/components/input-set-portal.css'
import { RunListTable } from '@/components/plans/plan-list-table'
import { LabelFilter } from '@/components/plans/label-filter'
import { plansHref, runsHref } from '@/components/plans/plan-links'
import '@/components/plans/plans.css'
import { env } from '@/lib/env'
import { listRuns } from '@/lib/plans/read-run'
import { MAX_PAGE } from '@/lib/schema'
import { pageAccess } from '../current-principal'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Runs' }

const PAGE_SIZE = 50

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  const label = firstParam(params.label).slice(0, 128)
  const page = positiveParam(firstParam(params.page), MAX_PAGE) ?? 1
  const access = await pageAccess()
  const result = await listRuns(access, { label: label || undefined, page, pageSize: PAGE_SIZE })
  const query = { label, page }
  return (
    <>
      <div className="page-head">
        <h1>Runs</h1>
        <Link href={plansHref}>Plans</Link>
      </div>
      <p className="muted">
        Runs start from a plan&apos;s page (<strong>Start a run</strong>) or come in through <code>POST /api/runs</code> or the older <code>POST /runs</code>; a run
        without an input set is a legacy run and is flagged.
      </p>
      <LabelFilter action={runsHref} label={label} />
      {result.data.length > 0 ? (
        <>
          <RunListTable rows={result.data} timeZone={env().DISPLAY_TIME_ZONE} />
          <Pager label="Runs" page={page} pageSize={PAGE_SIZE} total={result.total} href={(p) => hrefWith(runsHref, query, { page: p })} />
        </>
      ) : (
        <div className="empty" role="status">
          <p>{label ? `No runs of input set ${label}.` : page > 1 ? `Page ${page} is past the end of this list.` : 'No runs yet.'}</p>
        </div>
      )}
    </>
  )
}
