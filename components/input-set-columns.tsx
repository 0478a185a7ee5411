import Link from 'next/link'
import { createColumnHelper } from '@tanstack/react-table'
import type { InputSetSummary } from '@/lib/input-sets/queries/list'
import type { DataTableFeatures } from './data-table/features'
import { DateTime } from './input-set-time'
import { diffHref, exportHref, inputSetHref } from './input-set-links'
import { PendingDraftNote } from './pending-draft-note'
import { StatusPill } from './status-pill'

const column = createColumnHelper<DataTableFeatures, InputSetSummary>()
const count = new Intl.NumberFormat('en-US')

/** The list's columns; ids of sortable columns are the `sort` values the page accepts. */
export function inputSetColumns(timeZone: string) {
  return column.columns([
    column.accessor('label', {
      id: 'label',
      header: 'Label',
      enableSorting: true,
      cell: ({ getValue }) => (
        <Link className="label-cell" href={inputSetHref(getValue())} prefetch={false}>
          {getValue()}
        </Link>
      ),
    }),
    column.accessor('status', { id: 'status', header: 'Status', enableSorting: true, cell: ({ getValue }) => <StatusPill status={getValue()} /> }),
    column.accessor('revision', {
      header: 'Revision',
      meta: { numeric: true },
      cell: ({ row }) => (
        <>
          r{row.original.revision}
          {row.original.pending_draft && <PendingDraftNote label={row.original.label} draft={row.original.pending_draft} shownRevision={row.original.revision} />}
        </>
      ),
    }),
    column.accessor('config_version_id', { header: 'Config version', meta: { numeric: true } }),
    column.accessor('rows', { header: 'Rows', meta: { numeric: true }, cell: ({ getValue }) => count.format(getValue()) }),
    column.accessor('updated_at', {
      id: 'updated',
      header: 'Updated',
      enableSorting: true,
      cell: ({ getValue }) => <DateTime iso={getValue()} timeZone={timeZone} />,
    }),
    column.accessor('approved_by', {
      header: 'Approved by / at',
      cell: ({ row }) =>
        row.original.approved_by === null ? (
          <span className="muted">—</span>
        ) : (
          <>
            {row.original.approved_by}
            <span className="sub">
              <DateTime iso={row.original.approved_at} timeZone={timeZone} />
            </span>
          </>
        ),
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => <InputSetActions label={row.original.label} />,
    }),
  ])
}

function InputSetActions({ label }: { label: string }) {
  // Plain <a> for the export: it is a download from the API, and a prefetch must never trigger it.
  return (
    <span className="row-actions">
      <Link href={inputSetHref(label)} prefetch={false}>
        Detail<span className="visually-hidden"> of {label}</span>
      </Link>
      <Link href={diffHref(label)} prefetch={false}>
        Diff<span className="visually-hidden"> of {label}</span>
      </Link>
      <a href={exportHref(label)} download>
        Export<span className="visually-hidden"> {label}</span>
      </a>
    </span>
  )
}
