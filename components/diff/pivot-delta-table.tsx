'use client'

import { createColumnHelper } from '@tanstack/react-table'
import { useMemo } from 'react'
import type { PivotCell, PivotSort } from '@/lib/diff/pivot-table'
import { DataTable } from '../data-table/data-table'
import type { DataTableFeatures } from '../data-table/features'
import { hrefWith, type QueryValues } from '../data-table/url'

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, signDisplay: 'exceptZero' })
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2, signDisplay: 'exceptZero' })

const col = createColumnHelper<DataTableFeatures, PivotCell>()
const fmt = ({ getValue }: { getValue: () => number }) => number.format(getValue())
// Every column sorts: the cells are sorted on the server from the cached report.
const columns = col.columns([
  col.accessor('measure', { header: 'Measure', enableSorting: true, cell: ({ getValue }) => (getValue() === 'demand' ? 'Demand' : 'Capacity') }),
  col.accessor('key', { header: 'Family / work centre', enableSorting: true }),
  col.accessor('period', { header: 'Period', enableSorting: true }),
  col.accessor('previous', { header: 'Reference', enableSorting: true, meta: { numeric: true }, cell: fmt }),
  col.accessor('current', { header: 'Current', enableSorting: true, meta: { numeric: true }, cell: fmt }),
  col.accessor('delta', { header: 'Δ', enableSorting: true, meta: { numeric: true }, cell: ({ getValue }) => signed.format(getValue()) }),
  col.accessor('relative', {
    header: 'Δ %',
    enableSorting: true,
    meta: { numeric: true },
    cell: ({ getValue }) => {
      const r = getValue()
      return r === null ? <span className="muted">new</span> : percent.format(r)
    },
  }),
])

type Props = {
  rows: PivotCell[]
  sort: PivotSort
  desc: boolean
  /** The page's address and its other URL values, kept when the sort changes. */
  path: string
  query: QueryValues
}

/** One page of the family × period cells; headers link to the other order (a new order starts at page 1). */
export function PivotDeltaTable({ rows, sort, desc, path, query }: Props) {
  const sorting = useMemo(() => [{ id: sort, desc }], [sort, desc])
  return (
    <DataTable
      label="Demand and capacity per family × period"
      columns={columns}
      data={rows}
      getRowId={(r) => `${r.measure}\u0000${r.key}\u0000${r.period}`}
      sorting={sorting}
      sortHref={(id, nextDesc) => `${hrefWith(path, query, { cells_sort: id, cells_dir: nextDesc ? 'desc' : 'asc', cells_page: undefined })}#cells`}
    />
  )
}
