'use client'

import { useMemo } from 'react'
import type { InputSetSummary, ListSort } from '@/lib/input-sets/queries/list'
import { DataTable } from './data-table/data-table'
import { hrefWith, type QueryValues } from './data-table/url'
import { inputSetColumns } from './input-set-columns'
import { listHref } from './input-set-links'

type Props = {
  rows: InputSetSummary[]
  timeZone: string
  sort: ListSort
  dir: 'asc' | 'desc'
  /** The list's other URL values (filters), kept when the sort changes. */
  query: QueryValues
}

export function InputSetTable({ rows, timeZone, sort, dir, query }: Props) {
  const columns = useMemo(() => inputSetColumns(timeZone), [timeZone])
  const sorting = useMemo(() => [{ id: sort, desc: dir === 'desc' }], [sort, dir])
  return (
    <DataTable
      label="Input sets"
      columns={columns}
      data={rows}
      getRowId={(row) => row.label}
      sorting={sorting}
      // A new order starts again at page 1.
      sortHref={(id, desc) => hrefWith(listHref, query, { sort: id, dir: desc ? 'desc' : 'asc', page: undefined })}
    />
  )
}
