'use client'

import { useMemo } from 'react'
import { createColumnHelper } from '@tanstack/react-table'
import type { Row } from '@/lib/input-sets/queries/rows'
import { DataTable } from './data-table/data-table'
import type { DataTableFeatures } from './data-table/features'
import { SectionCell } from './section-cell'

const column = createColumnHelper<DataTableFeatures, Row>()

type Props = { label: string; columns: string[]; numeric: string[]; rows: Row[] }

/** One page of a CSV section: its known columns, then any unknown columns the file carried. */
export function SectionTable({ label, columns, numeric, rows }: Props) {
  const defs = useMemo(
    () =>
      columns.map((name) =>
        column.accessor((row) => row[name], {
          id: name,
          header: name,
          meta: { numeric: numeric.includes(name) },
          cell: ({ getValue }) => <SectionCell value={getValue()} />,
        }),
      ),
    [columns, numeric],
  )
  return <DataTable label={label} columns={defs} data={rows} />
}
