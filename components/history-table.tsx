'use client'

import { useMemo } from 'react'
import Link from 'next/link'
import { createColumnHelper } from '@tanstack/react-table'
import { isManualEvent } from '@/lib/input-sets/manual-events'
import type { EventView } from '@/lib/input-sets/queries/events'
import { DataTable } from './data-table/data-table'
import type { DataTableFeatures } from './data-table/features'
import { inputSetHref } from './input-set-links'
import { DateTime } from './input-set-time'

const column = createColumnHelper<DataTableFeatures, EventView>()

function historyColumns(label: string, timeZone: string) {
  return column.columns([
    column.accessor('action', {
      header: 'Action',
      cell: ({ row, getValue }) => (
        <>
          {/* The stored verb (request_changes) read as words; the class keeps the verb for the colour. */}
          <span className={`action action-${getValue()}`}>{getValue().replaceAll('_', ' ')}</span>
          {isManualEvent(row.original.metadata) && (
            <span className="manual-marker" title="Added by hand (log_planning_input_set_event or the events API); it changed no status">
              manual
            </span>
          )}
        </>
      ),
    }),
    column.accessor('actor', {
      header: 'Actor',
      // Who acted through which door: a signed-in user, an API token or the command line.
      cell: ({ row }) => (
        <>
          {row.original.actor}
          {row.original.actor_kind !== 'user' && <span className="muted"> ({row.original.actor_kind})</span>}
        </>
      ),
    }),
    column.accessor('comment', {
      header: 'Comment',
      meta: { wrap: true },
      cell: ({ row }) => (
        <>
          {row.original.comment ?? <span className="muted">—</span>}
          <ReplacedDraft metadata={row.original.metadata} />
        </>
      ),
    }),
    column.accessor('revision', {
      header: 'Revision',
      meta: { numeric: true },
      cell: ({ getValue }) => {
        const n = getValue()
        return n === null ? (
          <span className="muted">—</span>
        ) : (
          <Link href={inputSetHref(`${label}@${n}`)} prefetch={false}>
            r{n}
          </Link>
        )
      },
    }),
    column.accessor('created_at', { header: 'Time', cell: ({ getValue }) => <DateTime iso={getValue()} timeZone={timeZone} /> }),
  ])
}

/** An upload that superseded someone's pending draft says whose (docs/revisions.md). */
function ReplacedDraft({ metadata }: { metadata: EventView['metadata'] }) {
  const replaced = metadata?.replaced_draft as { revision?: unknown; uploaded_by?: unknown } | undefined
  if (!replaced || typeof replaced.revision !== 'number' || typeof replaced.uploaded_by !== 'string') return null
  return (
    <span className="sub">
      replaced r{replaced.revision} by {replaced.uploaded_by}
    </span>
  )
}

/** The audit trail of a label, newest first; named "History" for assistive tech and screenshots. */
export function HistoryTable({ label, events, timeZone }: { label: string; events: EventView[]; timeZone: string }) {
  const columns = useMemo(() => historyColumns(label, timeZone), [label, timeZone])
  return <DataTable label="History" columns={columns} data={events} getRowId={(e) => String(e.id)} />
}
