import type { Metadata } from 'next'
import Link from 'next/link'
import { Pager } from '@/components/data-table/pager'
import { firstParam, hrefWith, positiveParam, type SearchParams } from '@/components/data-table/url'
import '@/components/input-set-portal.css'
import { createPlanFromForm } from './actions/create-plan'
import { CreatePlanForm } from '@/components/plans/create-plan-form'
import { PlanListTable } from '@/components/plans/plan-list-table'
import { LabelFilter } from '@/components/plans/label-filter'
import { plansHref, runsHref } from '@/components/plans/plan-links'
import { listHref } from '@/components/input-set-links'
import '@/components/plans/plans.css'
import { roleAtLeast } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { listInputSetPage } from '@/lib/input-sets/queries/list'
import { listConfigVersions } from '@/lib/input-sets/verbs/config-versions'
import { listPlans } from '@/lib/plans/list-plans'
import { MAX_PAGE } from '@/lib/schema'
import { pageAccess } from '../current-principal'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Plans' }

const PAGE_SIZE = 50

export default async function PlansPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  const label = firstParam(params.label).slice(0, 128)
  const page = positiveParam(firstParam(params.page), MAX_PAGE) ?? 1
  const access = await pageAccess()
  const { principal } = access
  const canCreate = roleAtLeast(principal.role, 'editor')
  const [result, ready, configVersions] = await Promise.all([
    listPlans(access, { label: label || undefined, page, pageSize: PAGE_SIZE }),
    canCreate ? listInputSetPage(access, { status: 'ready', page: 1, pageSize: 200 }) : null,
    canCreate ? listConfigVersions() : [],
  ])
  const query = { label, page }
  return (
    <>
      <div className="page-head">
        <h1>Plans</h1>
        <Link href={runsHref}>Runs</Link>
      </div>
      {canCreate && (
        <CreatePlanForm
          action={createPlanFromForm}
          readySets={(ready?.data ?? []).map((s) => ({
            label: s.label,
            revision: s.revision,
            config_version_id: s.config_version_id,
            rows: s.rows,
            approved_by: s.approved_by,
          }))}
          configVersions={configVersions}
          readyListHref={`${listHref}?status=ready`}
        />
      )}
      <LabelFilter action={plansHref} label={label} />
      {result.data.length > 0 ? (
        <>
          <PlanListTable rows={result.data} timeZone={env().DISPLAY_TIME_ZONE} />
          <Pager label="Plans" page={page} pageSize={PAGE_SIZE} total={result.total} href={(p) => hrefWith(plansHref, query, { page: p })} />
        </>
      ) : (
        <div className="empty" role="status">
          <p>{label ? `No plans of input set ${label}.` : page > 1 ? `Page ${page} is past the end of this list.` : 'No plans yet.'}</p>
        </div>
      )}
    </>
  )
}
