'use client'

import { createColumnHelper } from '@tanstack/react-table'
import type { Row } from '@/lib/input-sets/queries/rows'
import { DataTable } from './data-table/data-table'
import type { DataTableFeatures } from './data-table/features'

type Week = { week_code: string; sequence: number; start_date: string; end_date: string; weight: number }
type Period = Row & { period: string; start_date: string; end_date: string; weeks: Week[] }

const column = createColumnHelper<DataTableFeatures, Period>()

const columns = column.columns([
  column.accessor('period', { header: 'Period' }),
  column.accessor('start_date', { header: 'Start' }),
  column.accessor('end_date', { header: 'End' }),
  column.display({
    id: 'weeks',
    header: 'Weeks (start – end · weight)',
    cell: ({ row }) => (
      <ol className="weeks">
        {row.original.weeks.map((w) => (
          <li key={w.week_code}>
            <span className="week-code">{w.week_code}</span> {w.start_date.slice(5)} – {w.end_date.slice(5)} · {w.weight}
          </li>
        ))}
      </ol>
    ),
  }),
])

/** The planning calendar: one row per period with its weeks in sequence. */
export function CalendarTable({ rows }: { rows: Row[] }) {
  return <DataTable label="Calendar periods" columns={columns} data={rows as Period[]} getRowId={(p) => p.period} />
}
