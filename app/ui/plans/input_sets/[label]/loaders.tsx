// The detail page's slow parts. Each loader reads with the page's access inside its own Suspense
// boundary (page.tsx), so the page streams, and renders the component from components/ with the
// data: components only render.
import type { QueryValues } from '@/components/data-table/url'
import { InputSetCharts } from '@/components/input-set-charts'
import { InputSetHistory } from '@/components/input-set-history'
import { SectionRows } from '@/components/input-set-sections'
import type { ReadAccess } from '@/lib/auth/access'
import type { SectionStem } from '@/lib/input-sets/bundle/sections'
import { getInputSetCharts } from '@/lib/input-sets/queries/chart-data'
import { listEventsPage } from '@/lib/input-sets/queries/events'
import { listSectionRows } from '@/lib/input-sets/queries/rows'

const HISTORY_PAGE_SIZE = 50
const SECTION_PAGE_SIZE = 50

type HistoryProps = { access: ReadAccess; label: string; refText: string; page: number; timeZone: string }

export async function HistoryLoader({ access, label, refText, page, timeZone }: HistoryProps) {
  const history = await listEventsPage(access, label, { page, pageSize: HISTORY_PAGE_SIZE })
  return <InputSetHistory label={label} refText={refText} history={history} timeZone={timeZone} />
}

/** Both charts of one revision; the totals are summed in the database (GROUP BY), not here. */
export async function ChartsLoader({ access, refText }: { access: ReadAccess; refText: string }) {
  return <InputSetCharts charts={await getInputSetCharts(access, refText)} />
}

/** `dataRef` pins the revision that is read; `linkRef` is the reference the page's URL uses. */
type SectionRowsProps = { access: ReadAccess; dataRef: string; linkRef: string; section: Exclude<SectionStem, 'planning_params'>; page: number; query: QueryValues }

/** One page of one section; the database sorts and pages, so a million-row section costs the same. */
export async function SectionRowsLoader({ access, dataRef, linkRef, section, page, query }: SectionRowsProps) {
  const slice = await listSectionRows(access, dataRef, section, { page, pageSize: SECTION_PAGE_SIZE })
  return <SectionRows slice={slice} linkRef={linkRef} query={query} />
}
