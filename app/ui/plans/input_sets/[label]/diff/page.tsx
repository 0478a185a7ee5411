import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { after } from 'next/server'
import { firstParam, hrefWith, oneOfParam, positiveParam, type SearchParams } from '@/components/data-table/url'
import { DiffDeltaChart } from '@/components/diff/diff-delta-chart'
import { DiffPicker } from '@/components/diff/diff-picker'
import { DiffSections, firstKind, firstSection } from '@/components/diff/diff-sections'
import { DiffStatus } from '@/components/diff/diff-status'
import { DiffSummary } from '@/components/diff/diff-summary'
import { diffHref, inputSetHref, listHref } from '@/components/input-set-links'
import '@/components/input-set-portal.css'
import '@/components/diff/diff.css'
import { kickDiffWorker } from '@/lib/diff/background'
import { deltaChart } from '@/lib/diff/chart-points'
import { diffReferences } from '@/lib/diff/reference'
import { requestDiff, type DiffState } from '@/lib/diff/request'
import { DIFF_KINDS } from '@/lib/diff/schema'
import { env } from '@/lib/env'
import { InvalidError, NotFoundError } from '@/lib/errors'
import { MAX_PAGE } from '@/lib/schema'
import { retryDiff } from '../../actions/retry-diff'
import { pageAccess } from '../../../../current-principal'
import { refFromSegment } from '../../ref-segment'
import { missingInputSet } from '../segment-ref'

// Reads the database and the cache on every request; the diff itself runs in a background job.
export const dynamic = 'force-dynamic'

type Params = Promise<{ label: string }>

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Diff · ${refFromSegment((await params).label)}` }
}

export default async function DiffPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const refText = refFromSegment((await params).label)
  const access = await pageAccess()
  const { principal } = access
  if (await missingInputSet(refText)) notFound()
  const query = await searchParams
  const { choices, defaultRef } = await diffReferences(access, refText)
  const against = firstParam(query.against) || defaultRef
  let state: DiffState | undefined
  let badReference: { message: string; candidates: string[] } | undefined
  try {
    if (against) state = await requestDiff(access, refText, against, { requestedBy: principal.actor.name })
  } catch (err) {
    // The set exists (checked above), so this is the reference: keep the page and its picker.
    if (!(err instanceof NotFoundError || err instanceof InvalidError)) throw err
    const details = err.details as { candidates?: string[] } | undefined
    badReference = { message: err.message, candidates: details?.candidates ?? [] }
  }
  // The job runs after this page is sent; the page only ever reads the cache.
  if (state?.state === 'queued') after(() => kickDiffWorker())
  const timeZone = env().DISPLAY_TIME_ZONE
  const path = diffHref(refText)

  return (
    <>
      <p className="breadcrumb">
        <Link href={listHref}>Input sets</Link> / <Link href={inputSetHref(refText)}>{refText}</Link> / diff
      </p>
      <div className="page-head">
        <h1>
          {refText} <span className="ref-suffix">against {against ?? '…'}</span>
        </h1>
      </div>
      <DiffPicker action={path} choices={choices} against={against} />
      {badReference ? (
        <div className="form-error" role="alert">
          <p>
            Cannot compare against &lsquo;{against}&rsquo;: {badReference.message}
          </p>
          {badReference.candidates.length > 0 && (
            <p>
              Compare against:{' '}
              {badReference.candidates.map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <Link href={hrefWith(path, {}, { against: c })}>{c}</Link>
                </span>
              ))}
            </p>
          )}
        </div>
      ) : !state ? (
        <p className="empty">
          Nothing to compare against by default: {refText} has no other ready revision and no other set of its config version is ready. Choose a reference above.
        </p>
      ) : (
        <>
          <DiffStatus state={state} timeZone={timeZone} retry={retryDiff} />
          {state.state === 'ready' && <ReadyDiff state={state} query={query} path={path} />}
        </>
      )}
    </>
  )
}

type ReadyProps = { state: Extract<DiffState, { state: 'ready' }>; query: Awaited<SearchParams>; path: string }

function ReadyDiff({ state, query, path }: ReadyProps) {
  const { cached } = state
  const sections = Object.keys(cached.report.summary.sections)
  const section = oneOfParam(sections, firstParam(query.section)) ?? firstSection(cached)
  const kind = oneOfParam(DIFF_KINDS, firstParam(query.kind)) ?? firstKind(cached, section)
  const page = positiveParam(firstParam(query.page), MAX_PAGE) ?? 1
  const current = { against: state.against, section, kind, page }
  const chart = deltaChart(cached.report.pivots)
  return (
    <>
      <h2 className="section-heading">Summary</h2>
      <DiffSummary summary={cached.report.summary} tolerance={cached.report.tolerance} />
      <h2 className="section-heading">Demand and capacity change per period</h2>
      <figure className="chart-card">
        <figcaption>Current − reference, per period</figcaption>
        {chart.points.length ? <DiffDeltaChart chart={chart} /> : <p className="empty">Demand and capacity are the same in every period.</p>}
      </figure>
      <h2 className="section-heading" id="rows">
        Rows
      </h2>
      <DiffSections cached={cached} section={section} kind={kind} page={page} href={(values) => `${hrefWith(path, current, values)}#rows`} />
    </>
  )
}
