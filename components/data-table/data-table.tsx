'use client'

import Link from 'next/link'
import { useTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table'
import { dataTableFeatures, type DataColumnMeta, type DataTableFeatures } from './features'

type Props<TData extends RowData> = {
  /** The table's accessible name (screen readers, tests and screenshot tools find it by this). */
  label: string
  columns: ColumnDef<DataTableFeatures, TData, unknown>[]
  data: TData[]
  getRowId?: (row: TData) => string
  /** The server's sort order of `data`; sortable headers link to the other order. */
  sorting?: SortingState
  sortHref?: (columnId: string, desc: boolean) => string
}

const NO_SORTING: SortingState = []
// Only columns the server can sort by opt in (enableSorting: true in their definition).
const DEFAULT_COLUMN = { enableSorting: false }

function cellClass(meta: DataColumnMeta | undefined): string | undefined {
  return [meta?.numeric && 'num', meta?.wrap && 'wrap'].filter(Boolean).join(' ') || undefined
}

/**
 * A plain, semantic table over one page of server data. Sorting and paging happen in the
 * database and live in the URL, so a sortable header is a real link: it works without
 * JavaScript, can be opened in a new tab and is reachable with the keyboard.
 */
export function DataTable<TData extends RowData>({ label, columns, data, getRowId, sorting = NO_SORTING, sortHref }: Props<TData>) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    defaultColumn: DEFAULT_COLUMN,
  })

  return (
    <div className="table-wrap">
      <table className="data" aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const { column } = header
                const sorted = column.getIsSorted()
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cellClass(column.columnDef.meta)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.isPlaceholder ? null : sortHref && column.getCanSort() ? (
                      // Ascending first; a second click on the sorted column reverses it.
                      <Link className="sort-link" href={sortHref(column.id, sorted === 'asc')} scroll={false}>
                        <table.FlexRender header={header} />
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </Link>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                )
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={cellClass(cell.column.columnDef.meta)}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
