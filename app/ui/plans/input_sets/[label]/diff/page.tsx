import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { after } from 'next/server'
import { firstParam, hrefWith, oneOfParam, positiveParam, type QueryValues, type SearchParams } from '@/components/data-table/url'
import { Pager } from '@/components/data-table/pager'
import { DiffDeltaChart } from '@/components/diff/diff-delta-chart'
import { DiffPicker } from '@/components/diff/diff-picker'
import { DiffSections, firstKind, firstSection } from '@/components/diff/diff-sections'
import { DiffStatus } from '@/components/diff/diff-status'
import { DiffSummary } from '@/components/diff/diff-summary'
import { AutoRefresh } from '@/components/diff/auto-refresh'
import { PivotDeltaTable } from '@/components/diff/pivot-delta-table'
import { PivotFilter } from '@/components/diff/pivot-filter'
import { diffHref, diffRowsCsvHref, inputSetHref, listHref } from '@/components/input-set-links'
import { InputSetTabs } from '@/components/input-set-tabs'
import '@/components/input-set-portal.css'
import '@/components/diff/diff.css'
import type { ReadAccess } from '@/lib/auth/access'
import { diffPollUrl } from '@/lib/diff/answer'
import { kickDiffWorker } from '@/lib/diff/background'
import { deltaChart } from '@/lib/diff/chart-points'
import { PIVOT_MEASURES, PIVOT_SORTS, pivotTablePage } from '@/lib/diff/pivot-table'
import { diffReferences, type ReferenceChoice } from '@/lib/diff/reference'
import type { DiffRefs } from '@/lib/diff/refs'
import { requestDiff, type DiffState } from '@/lib/diff/request'
import { DIFF_KINDS } from '@/lib/diff/schema'
import { env } from '@/lib/env'
import { InvalidError, NotFoundError } from '@/lib/errors'
import { diffPollEtag } from '@/lib/http/diff-response'
import { formatRef, parseInputSetRef, type InputSetRef } from '@/lib/input-sets/labels'
import { MAX_PAGE } from '@/lib/schema'
import { retryDiff } from '../../actions/retry-diff'
import { pageAccess } from '../../../../current-principal'
import { refFromSegment } from '../../ref-segment'
import { missingInputSet } from '../segment-ref'

// Reads the database and the cache on every request; the diff itself runs in a background job.
export const dynamic = 'force-dynamic'

type Params = Promise<{ label: string }>

const PIVOT_PAGE_SIZE = 50
/** How often a ready report of moving refs asks whether they still name the same revisions. */
const MOVING_REFS_CHECK_SECONDS = 30

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Diff · ${refFromSegment((await params).label)}` }
}

export default async function DiffPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const refText = refFromSegment((await params).label)
  const access = await pageAccess()
  if (await missingInputSet(refText)) notFound()
  // Parsed once here (it names a revision, checked above); the diff code takes the parsed ref.
  const ref = parseInputSetRef(refText)
  const query = await searchParams
  const { choices, fallback } = await diffReferences(access, ref)
  const againstText = firstParam(query.against)
  let state: DiffState | undefined
  let badReference: { message: string; candidates: string[] } | undefined
  try {
    const against: InputSetRef | undefined = againstText ? parseInputSetRef(againstText, 'against') : fallback.ref
    if (against) state = await requestDiff(access, { current: ref, against }, { requestedBy: access.principal.actor.name })
  } catch (err) {
    // The set exists (checked above), so this is the reference: keep the page and its picker.
    if (!(err instanceof NotFoundError || err instanceof InvalidError)) throw err
    const details = err.details as { candidates?: string[] } | undefined
    badReference = { message: err.message, candidates: details?.candidates ?? [] }
  }
  // The job runs after this page is sent; the page only ever reads the cache.
  if (state?.state === 'queued') after(() => kickDiffWorker())
  const pollEtag = state?.state === 'ready' ? await movingRefsEtag(access, state.refs) : undefined
  const timeZone = env().DISPLAY_TIME_ZONE
  const path = diffHref(refText)
  const shownAgainst = againstText || (fallback.ref && formatRef(fallback.ref))

  return (
    <>
      <p className="breadcrumb">
        <Link href={listHref}>Input sets</Link> / <Link href={inputSetHref(refText)}>{refText}</Link> / diff
      </p>
      <div className="page-head">
        <h1>
          {refText} <span className="ref-suffix">against {shownAgainst ?? '…'}</span>
        </h1>
      </div>
      <InputSetTabs refText={refText} label={ref.label} active="diff" />
      <DiffPicker action={path} choices={choices} selected={selectedChoice(choices, state) ?? shownAgainst} />
      {badReference ? (
        <div className="form-error" role="alert">
          <p>
            Cannot compare against &lsquo;{againstText}&rsquo;: {badReference.message}
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
        <p className="empty">{fallback.reason} Choose a reference in the list above to compare it with another revision or set.</p>
      ) : (
        <>
          <DiffStatus state={state} timeZone={timeZone} retry={retryDiff} />
          {pollEtag && <AutoRefresh seconds={MOVING_REFS_CHECK_SECONDS} url={diffPollUrl(state.refs)} etag={pollEtag} />}
          {state.state === 'ready' && <ReadyDiff state={state} query={query} path={path} refText={refText} againstText={againstText} />}
        </>
      )}
    </>
  )
}

/**
 * A ready report of refs that may move (label, label@draft) is checked now and then with its ETag:
 * 304 while they name the same revisions. Pinned refs never move; a ref that vanished meanwhile
 * (a draft approved) is left to the next visit.
 */
async function movingRefsEtag(access: ReadAccess, refs: DiffRefs): Promise<string | undefined> {
  if (refs.current.kind === 'number' && refs.against.kind === 'number') return undefined
  return diffPollEtag(access, refs).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined
    throw err
  })
}

/** The picker's entry for the revision actually compared, whichever ref named it. */
function selectedChoice(choices: ReferenceChoice[], state: DiffState | undefined): string | undefined {
  const reference = state?.pair.reference
  return reference && choices.find((c) => c.label === reference.label && c.revision === reference.number)?.ref
}

type ReadyProps = { state: Extract<DiffState, { state: 'ready' }>; query: Awaited<SearchParams>; path: string; refText: string; againstText: string }

function ReadyDiff({ state, query, path, refText, againstText }: ReadyProps) {
  const { cached } = state
  const sections = Object.keys(cached.report.summary.sections)
  const section = oneOfParam(sections, firstParam(query.section)) ?? firstSection(cached)
  const kind = oneOfParam(DIFF_KINDS, firstParam(query.kind)) ?? firstKind(cached, section)
  const page = positiveParam(firstParam(query.page), MAX_PAGE) ?? 1
  const cells = {
    q: firstParam(query.cells_q).slice(0, 128),
    measure: oneOfParam(PIVOT_MEASURES, firstParam(query.cells_measure)),
    sort: oneOfParam(PIVOT_SORTS, firstParam(query.cells_sort)) ?? 'key',
    desc: firstParam(query.cells_dir) === 'desc',
    page: positiveParam(firstParam(query.cells_page), MAX_PAGE) ?? 1,
  }
  // Every value the page's links keep; each link changes only its own.
  const current: QueryValues = {
    against: againstText || undefined,
    section,
    kind,
    page,
    cells_q: cells.q || undefined,
    cells_measure: cells.measure,
    cells_sort: cells.sort === 'key' ? undefined : cells.sort,
    cells_dir: cells.desc ? 'desc' : undefined,
    cells_page: cells.page === 1 ? undefined : cells.page,
  }
  const chart = deltaChart(cached.report.pivots)
  const pivot = pivotTablePage(cached.report.pivots, { ...cells, pageSize: PIVOT_PAGE_SIZE })
  const { cells_q: _q, cells_measure: _m, cells_page: _p, ...keptByFilter } = current
  return (
    <>
      <h2 className="section-heading">Summary</h2>
      <DiffSummary summary={cached.report.summary} tolerance={cached.report.tolerance} />
      <h2 className="section-heading">Demand and capacity change per period</h2>
      <figure className="chart-card">
        <figcaption>Current − reference, per period</figcaption>
        {chart.points.length ? <DiffDeltaChart chart={chart} /> : <p className="empty">Demand and capacity are the same in every period.</p>}
      </figure>
      <h2 className="section-heading" id="cells">
        Change per family × period
      </h2>
      <PivotFilter action={path} q={cells.q} measure={cells.measure} keep={keptByFilter} />
      {pivot.total === 0 ? (
        <p className="empty">{cells.q || cells.measure ? 'No changed cell matches the filter.' : 'No family or work centre changed in any period.'}</p>
      ) : (
        <PivotDeltaTable rows={pivot.data} sort={cells.sort} desc={cells.desc} path={path} query={current} />
      )}
      <Pager
        label="Family × period changes"
        page={cells.page}
        pageSize={PIVOT_PAGE_SIZE}
        total={pivot.total}
        href={(p) => `${hrefWith(path, current, { cells_page: p === 1 ? undefined : p })}#cells`}
      />
      <h2 className="section-heading" id="rows">
        Rows
      </h2>
      <DiffSections
        cached={cached}
        section={section}
        kind={kind}
        page={page}
        href={(values) => `${hrefWith(path, current, values)}#rows`}
        csvHref={(s, k) => diffRowsCsvHref(refText, s, againstText || undefined, k)}
      />
    </>
  )
}
