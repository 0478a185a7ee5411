import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { positiveParam } from '@/components/data-table/url'
import '@/components/input-set-portal.css'
import { DateTime } from '@/components/input-set-time'
import { ArtifactList } from '@/components/plans/artifact-list'
import { InputSetCard } from '@/components/plans/input-set-card'
import { PlanChart } from '@/components/plans/plan-chart'
import { planHref, runsHref } from '@/components/plans/plan-links'
import { PlanPeriodsTable } from '@/components/plans/plan-periods-table'
import '@/components/plans/plans.css'
import { WarningCards } from '@/components/plans/warning-cards'
import { grantedScopes } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { NotFoundError } from '@/lib/errors'
import { getPlanOrThrow } from '@/lib/plans/read-plan'
import { getRunOrThrow } from '@/lib/plans/read-run'
import { pageAccess } from '../../current-principal'
import { restoreArchivedRevision } from '../../plans/actions/restore-revision'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run ${(await params).id}` }
}

export default async function RunPage({ params }: Props) {
  const { id: raw } = await params
  const access = await pageAccess()
  const id = positiveParam(raw, 2_147_483_647)
  if (!id || String(id) !== raw) notFound()
  const run = await getRunOrThrow(access, id).catch((err) => (err instanceof NotFoundError ? notFound() : Promise.reject(err)))
  const plan = run.plan_id !== null ? await getPlanOrThrow(access, run.plan_id) : null
  const timeZone = env().DISPLAY_TIME_ZONE
  return (
    <>
      <p className="breadcrumb">
        <Link href={runsHref}>Runs</Link> / Run {run.id}
      </p>
      <div className="page-head">
        <h1>Run {run.id}</h1>
      </div>
      <p className="muted">
        {run.status} · entrypoint {run.entrypoint}
        {run.pipeline && <> · pipeline {run.pipeline}</>} · by {run.created_by} · <DateTime iso={run.created_at} timeZone={timeZone} />
        {plan && (
          <>
            {' '}
            · <Link href={planHref(plan.id)}>Plan {plan.id}</Link>
          </>
        )}
      </p>
      <WarningCards warnings={run.warnings} scopes={grantedScopes(access.principal)} restoreAction={restoreArchivedRevision} subject={`run ${run.id}`} />
      <div className="cards">
        <InputSetCard card={run.input_set} timeZone={timeZone} />
        {plan && (
          <section className="card card-wide" aria-labelledby="card-artifacts">
            <h2 id="card-artifacts">Artifacts of plan {plan.id}</h2>
            <ArtifactList planId={plan.id} artifacts={plan.artifacts} />
          </section>
        )}
      </div>
      {run.options && (
        <>
          <h2 className="section-heading">Options as sent</h2>
          <pre className="param-json">{JSON.stringify(run.options, null, 2)}</pre>
        </>
      )}
      {plan && plan.periods.length > 0 && (
        <>
          <h2 className="section-heading">Demand, capacity, supply and backlog per period</h2>
          <figure className="chart-card" aria-label="Plan chart">
            <PlanChart periods={plan.periods} />
          </figure>
          <PlanPeriodsTable rows={plan.periods} />
        </>
      )}
    </>
  )
}
