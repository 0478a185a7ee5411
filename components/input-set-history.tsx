import type { EventsPage } from '@/lib/input-sets/queries/events'
import { Pager } from './data-table/pager'
import { hrefWith } from './data-table/url'
import { inputSetHref } from './input-set-links'
import { HistoryTable } from './history-table'

type Props = { label: string; refText: string; history: EventsPage; timeZone: string }

/** One page of the label's events, newest first (events belong to the label, not to a revision). */
export function InputSetHistory({ label, refText, history, timeZone }: Props) {
  if (history.total === 0) return <p className="empty">No events recorded for this input set.</p>
  return (
    <>
      {history.events.length > 0 && <HistoryTable label={label} events={history.events} timeZone={timeZone} />}
      <Pager
        label="History"
        page={history.page}
        pageSize={history.page_size}
        total={history.total}
        href={(p) => hrefWith(inputSetHref(refText), { tab: 'history' }, { page: p })}
      />
    </>
  )
}
