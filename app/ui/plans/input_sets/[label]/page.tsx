import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { Pager } from '@/components/data-table/pager'
import { firstParam, hrefWith, oneOfParam, positiveParam, type QueryValues, type SearchParams } from '@/components/data-table/url'
import { ChangeRequests } from '@/components/change-requests'
import { InputSetActions } from '@/components/input-set-actions'
import { InputSetChartsFallback } from '@/components/input-set-charts'
import { inputSetHref, listHref } from '@/components/input-set-links'
import { InputSetOverview } from '@/components/input-set-overview'
import { InputSetParams } from '@/components/input-set-params'
import { InputSetRevisions } from '@/components/input-set-revisions'
import { SectionPicker } from '@/components/input-set-sections'
import { InputSetTabs } from '@/components/input-set-tabs'
import { StatusPill } from '@/components/status-pill'
import '@/components/input-set-portal.css'
import type { ReadAccess } from '@/lib/auth/access'
import { hasScope } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { detailActions } from '@/lib/input-sets/detail-actions'
import { pendingChangeRequests } from '@/lib/input-sets/queries/change-requests'
import { SECTION_STEMS, type SectionStem } from '@/lib/input-sets/bundle/sections'
import { getInputSetDetail, type InputSetDetail } from '@/lib/input-sets/queries/detail'
import { listConfigVersions } from '@/lib/input-sets/verbs/config-versions'
import { MAX_PAGE } from '@/lib/schema'
import { createPlanFromForm } from '../../actions/create-plan'
import { refFromSegment } from '../ref-segment'
import { pageAccess } from '../../../current-principal'
import { ChartsLoader, HistoryLoader, SectionRowsLoader } from './loaders'
import { missingInputSet } from './segment-ref'

// Reads the database on every request; nothing here may run at build time.
export const dynamic = 'force-dynamic'

type Params = Promise<{ label: string }>

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: refFromSegment((await params).label) }
}

export default async function InputSetPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const refText = refFromSegment((await params).label)
  const access = await pageAccess()
  if (await missingInputSet(refText)) notFound()
  const query = await searchParams
  const detail = await getInputSetDetail(access, refText)
  const { label, revision } = detail
  // Every part of the page reads this exact revision, even if the label's current one changes meanwhile.
  const pinned = `${label}@${revision.number}`
  const tab = firstParam(query.tab) === 'history' ? 'history' : 'overview'
  const page = positiveParam(firstParam(query.page), MAX_PAGE) ?? 1
  const revisionsPage = positiveParam(firstParam(query.revisions_page), MAX_PAGE) ?? 1
  const timeZone = env().DISPLAY_TIME_ZONE
  const { principal } = access
  const draftNumber = detail.revisions.find((r) => r.status === 'draft')?.number ?? null
  const actions = detailActions({
    status: revision.status,
    draftNumber,
    revisionCount: detail.revisions.length,
    mayUpload: hasScope(principal, 'input_sets:write'),
    mayReview: hasScope(principal, 'input_sets:review'),
    mayPlan: hasScope(principal, 'plans:write'),
  })
  const changeRequests = draftNumber === null ? [] : await pendingChangeRequests(access, label)
  // The overview's address values; every pager and picker link keeps the others.
  const address: QueryValues = { section: firstParam(query.section), page, revisions_page: revisionsPage === 1 ? undefined : revisionsPage }

  return (
    <>
      <p className="breadcrumb">
        <Link href={listHref}>Input sets</Link> / {label}
      </p>
      <div className="page-head">
        <h1>
          {label} <span className="ref-suffix">r{revision.number}</span> <StatusPill status={revision.status} />
        </h1>
        <InputSetActions
          actions={actions}
          label={label}
          refText={refText}
          pinned={pinned}
          draftNumber={draftNumber}
          configVersionId={detail.config_version_id}
          createPlan={createPlanFromForm}
        />
      </div>
      <ChangeRequests label={label} requests={changeRequests} timeZone={timeZone} />
      <InputSetTabs refText={refText} label={label} active={tab} />
      {tab === 'history' ? (
        <Suspense key={page} fallback={<p className="loading">Loading history…</p>}>
          <HistoryLoader access={access} label={label} refText={refText} page={page} timeZone={timeZone} />
        </Suspense>
      ) : (
        <Overview
          access={access}
          detail={detail}
          refText={refText}
          pinned={pinned}
          section={firstParam(query.section)}
          page={page}
          revisionsPage={revisionsPage}
          address={address}
          timeZone={timeZone}
        />
      )}
    </>
  )
}

const isSectionStem = (s: string): s is SectionStem => (SECTION_STEMS as readonly string[]).includes(s)

type OverviewProps = {
  access: ReadAccess
  detail: InputSetDetail
  refText: string
  pinned: string
  section: string
  page: number
  revisionsPage: number
  address: QueryValues
  timeZone: string
}

/** Revisions listed beside the summary; a label with more has them in pages. */
const REVISIONS_PAGE_SIZE = 8

async function Overview({ access, detail, refText, pinned, section, page, revisionsPage, address, timeZone }: OverviewProps) {
  const configVersion = (await listConfigVersions()).find((v) => v.id === detail.config_version_id)
  const sections = detail.sections.filter((s) => isSectionStem(s.section))
  const present = sections.map((s) => s.section).filter(isSectionStem)
  // Default: the first data section that has rows (parameters are settings, not rows).
  const firstWithRows = sections.find((s) => s.section !== 'planning_params' && s.rows > 0)?.section
  const current = oneOfParam(present, section) ?? present.find((s) => s === firstWithRows) ?? present[0]
  return (
    <>
      <div className="detail-top">
        <InputSetOverview detail={detail} configVersionName={configVersion?.name ?? null} timeZone={timeZone} />
        <section className="detail-revisions" aria-labelledby="revisions-heading">
          <h2 id="revisions-heading">Revisions</h2>
          <InputSetRevisions
            label={detail.label}
            revisions={detail.revisions.slice((revisionsPage - 1) * REVISIONS_PAGE_SIZE, revisionsPage * REVISIONS_PAGE_SIZE)}
            viewing={detail.revision.number}
            timeZone={timeZone}
            compact
          />
          {detail.revisions.length > REVISIONS_PAGE_SIZE && (
            <Pager
              label="Revisions"
              page={revisionsPage}
              pageSize={REVISIONS_PAGE_SIZE}
              total={detail.revisions.length}
              href={(p) => `${hrefWith(inputSetHref(refText), address, { revisions_page: p === 1 ? undefined : p })}#revisions-heading`}
            />
          )}
        </section>
      </div>
      <h2 className="section-heading" id="charts">
        Charts
      </h2>
      <Suspense fallback={<InputSetChartsFallback />}>
        <ChartsLoader access={access} refText={pinned} />
      </Suspense>
      <h2 className="section-heading" id="section">
        Data
      </h2>
      {current ? (
        <div className="sections">
          <SectionPicker sections={sections} current={current} linkRef={refText} query={address} />
          <div className="section-body">
            {current === 'planning_params' ? (
              <InputSetParams params={detail.params} />
            ) : (
              <Suspense key={`${current}:${page}`} fallback={<p className="loading">Loading rows…</p>}>
                <SectionRowsLoader access={access} dataRef={pinned} linkRef={refText} section={current} page={page} query={address} />
              </Suspense>
            )}
          </div>
        </div>
      ) : (
        <p className="empty">This revision has no sections.</p>
      )}
    </>
  )
}
