'use client'

import { useMemo } from 'react'
import Link from 'next/link'
import { createColumnHelper } from '@tanstack/react-table'
import type { RevisionSummary } from '@/lib/input-sets/queries/detail'
import { DataTable } from './data-table/data-table'
import type { DataTableFeatures } from './data-table/features'
import { inputSetHref } from './input-set-links'
import { DateTime } from './input-set-time'
import { StatusPill } from './status-pill'

const column = createColumnHelper<DataTableFeatures, RevisionSummary>()

function revisionColumns(label: string, viewing: number, timeZone: string, compact: boolean) {
  const all = column.columns([
    column.accessor('number', {
      header: 'Revision',
      cell: ({ getValue }) =>
        getValue() === viewing ? (
          <strong aria-current="page">r{getValue()} (shown)</strong>
        ) : (
          <Link href={inputSetHref(`${label}@${getValue()}`)} prefetch={false}>
            r{getValue()}
          </Link>
        ),
    }),
    column.accessor('status', { header: 'Status', cell: ({ getValue }) => <StatusPill status={getValue()} /> }),
    column.accessor('uploaded_by', { header: 'Uploaded by' }),
    column.accessor('uploaded_at', { header: 'Uploaded at', cell: ({ getValue }) => <DateTime iso={getValue()} timeZone={timeZone} /> }),
    column.accessor('approved_by', { header: 'Approved by', cell: ({ getValue }) => getValue() ?? <span className="muted">—</span> }),
    column.accessor('approved_at', { header: 'Approved at', cell: ({ getValue }) => <DateTime iso={getValue()} timeZone={timeZone} /> }),
    column.accessor('content_hash', { header: 'Content hash', cell: ({ getValue }) => <code title={getValue()}>{getValue().slice(0, 12)}…</code> }),
  ])
  // Beside the summary there is room for who, not for the times and the hash (each revision's page has them).
  return compact ? all.filter((c) => !['Uploaded at', 'Approved at', 'Content hash'].includes(String(c.header))) : all
}

/** Every revision of the label, newest first, each a link to its own page (label@N). */
type Props = { label: string; revisions: RevisionSummary[]; viewing: number; timeZone: string; compact?: boolean }

export function InputSetRevisions({ label, revisions, viewing, timeZone, compact = false }: Props) {
  const columns = useMemo(() => revisionColumns(label, viewing, timeZone, compact), [label, viewing, timeZone, compact])
  return <DataTable label="Revisions" columns={columns} data={revisions} getRowId={(r) => String(r.number)} />
}
