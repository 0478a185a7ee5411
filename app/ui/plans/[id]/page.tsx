import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Pager } from '@/components/data-table/pager'
import { firstParam, positiveParam, type SearchParams } from '@/components/data-table/url'
import '@/components/input-set-portal.css'
import { ArtifactList } from '@/components/plans/artifact-list'
import { InputSetCard } from '@/components/plans/input-set-card'
import { PlanChart } from '@/components/plans/plan-chart'
import { planHref, plansHref, runHref } from '@/components/plans/plan-links'
import { PlanItemsTable, PlanPeriodsTable } from '@/components/plans/plan-periods-table'
import { PlanSummaryNotes } from '@/components/plans/plan-summary'
import '@/components/plans/plans.css'
import { ActionButton } from '@/components/plans/action-button'
import { ShortItemsWarning } from '@/components/plans/short-items-warning'
import { WarningCards } from '@/components/plans/warning-cards'
import { DateTime } from '@/components/input-set-time'
import { grantedScopes, hasScope } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { NotFoundError } from '@/lib/errors'
import { listPlanItems, listShortItems } from '@/lib/plans/plan-items'
import { getPlanOrThrow } from '@/lib/plans/read-plan'
import { MAX_PAGE } from '@/lib/schema'
import { pageAccess } from '../../current-principal'
import { restoreArchivedRevision } from '../actions/restore-revision'
import { startRunFromPlan } from '../actions/start-run'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }>; searchParams: SearchParams }

const ITEMS_PAGE = 100
/** How many short items the warning lists (worst first); the items table has them all. */
const SHORT_ITEMS_LISTED = 20

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Plan ${(await params).id}` }
}

export default async function PlanPage({ params, searchParams }: Props) {
  const { id: raw } = await params
  const id = positiveParam(raw, 2_147_483_647)
  const access = await pageAccess()
  if (!id || String(id) !== raw) notFound()
  const plan = await getPlanOrThrow(access, id).catch((err) => (err instanceof NotFoundError ? notFound() : Promise.reject(err)))
  const page = positiveParam(firstParam((await searchParams).items_page), MAX_PAGE) ?? 1
  const [items, shortItems] = await Promise.all([
    listPlanItems(access, id, { page, pageSize: ITEMS_PAGE }),
    plan.summary.items_short > 0 ? listShortItems(access, id, SHORT_ITEMS_LISTED) : [],
  ])
  const timeZone = env().DISPLAY_TIME_ZONE
  const { principal } = access
  // The API's rule for POST /api/runs; a plan whose input set is missing can still be rerun as it was recorded.
  const canRun = hasScope(principal, 'plans:write')
  return (
    <>
      <p className="breadcrumb">
        <Link href={plansHref}>Plans</Link> / Plan {plan.id}
      </p>
      <div className="page-head">
        <h1>Plan {plan.id}</h1>
        {canRun && (
          <div className="page-actions">
            <ActionButton action={startRunFromPlan} fields={{ plan_id: plan.id }} pendingText="Starting run…">
              Start a run
            </ActionButton>
          </div>
        )}
      </div>
      <p className="muted">
        Config version {plan.config_version_id} · created by {plan.created_by} · <DateTime iso={plan.created_at} timeZone={timeZone} />
        {plan.runs.length > 0 && (
          <>
            {' '}
            · runs:{' '}
            {plan.runs.map((r, i) => (
              <span key={r}>
                {i > 0 && ', '}
                <Link href={runHref(r)}>{r}</Link>
              </span>
            ))}
          </>
        )}
      </p>
      <WarningCards warnings={plan.warnings} scopes={grantedScopes(principal)} restoreAction={restoreArchivedRevision} subject={`plan ${plan.id}`} />
      <ShortItemsWarning total={plan.summary.items_short} items={shortItems} />
      <div className="cards">
        <InputSetCard card={plan.input_set} timeZone={timeZone} />
        <section className="card card-wide" aria-labelledby="card-artifacts">
          <h2 id="card-artifacts">Artifacts</h2>
          <ArtifactList planId={plan.id} artifacts={plan.artifacts} />
        </section>
      </div>
      <h2 className="section-heading">Demand, capacity, supply and backlog per period</h2>
      {plan.periods.length ? (
        <figure className="chart-card" aria-label="Plan chart">
          <PlanChart periods={plan.periods} />
        </figure>
      ) : (
        <p className="empty">The input set has no demand, capacity or calendar periods to plan.</p>
      )}
      <PlanSummaryNotes summary={plan.summary} />
      <h2 className="section-heading">Plan by period</h2>
      <PlanPeriodsTable rows={plan.periods} />
      <h2 className="section-heading">Items: SKU demand, receipts and projected inventory</h2>
      {items.total > 0 ? (
        <>
          <PlanItemsTable rows={items.data} />
          <Pager label="Items" page={page} pageSize={ITEMS_PAGE} total={items.total} href={(p) => `${planHref(plan.id)}${p > 1 ? `?items_page=${p}` : ''}`} />
        </>
      ) : (
        <p className="empty">No items: the input set has no mix shares, inventory or open POs.</p>
      )}
    </>
  )
}
