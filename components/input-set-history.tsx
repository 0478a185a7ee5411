import type { ReadAccess } from '@/lib/auth/access'
import { listEventsPage } from '@/lib/input-sets/events'
import { Pager } from './data-table/pager'
import { hrefWith } from './data-table/url'
import { inputSetHref } from './input-set-links'
import { HistoryTable } from './history-table'

export const HISTORY_PAGE_SIZE = 50

/** One page of the label's events, newest first (events belong to the label, not to a revision). */
export async function InputSetHistory({ access, label, refText, page, timeZone }: { access: ReadAccess; label: string; refText: string; page: number; timeZone: string }) {
  const history = await listEventsPage(access, label, { page, pageSize: HISTORY_PAGE_SIZE })
  if (history.total === 0) return <p className="empty">No events recorded for this input set.</p>
  return (
    <>
      {history.events.length > 0 && <HistoryTable label={label} events={history.events} timeZone={timeZone} />}
      <Pager
        label="History"
        page={page}
        pageSize={HISTORY_PAGE_SIZE}
        total={history.total}
        href={(p) => hrefWith(inputSetHref(refText), { tab: 'history' }, { page: p })}
      />
    </>
  )
}
