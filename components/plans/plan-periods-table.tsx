'use client'

import { createColumnHelper } from '@tanstack/react-table'
import type { PlanItemRow, PlanPeriodRow } from '@/lib/plans/rough-cut'
import { DataTable } from '../data-table/data-table'
import type { DataTableFeatures } from '../data-table/features'

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 })
const fmt = ({ getValue }: { getValue: () => number }) => number.format(getValue())

const period = createColumnHelper<DataTableFeatures, PlanPeriodRow>()
const periodColumns = period.columns([
  period.accessor('period', { header: 'Period' }),
  period.accessor('demand', { header: 'Demand', meta: { numeric: true }, cell: fmt }),
  period.accessor('capacity', { header: 'Capacity', meta: { numeric: true }, cell: fmt }),
  period.accessor('supply', { header: 'Planned supply', meta: { numeric: true }, cell: fmt }),
  period.accessor('backlog', { header: 'Backlog carried', meta: { numeric: true }, cell: fmt }),
  period.accessor('utilisation', {
    header: 'Utilisation',
    meta: { numeric: true },
    cell: ({ getValue }) => {
      const u = getValue()
      return u === null ? <span className="muted">no capacity</span> : percent.format(u)
    },
  }),
])

export function PlanPeriodsTable({ rows }: { rows: PlanPeriodRow[] }) {
  return <DataTable label="Plan by period" columns={periodColumns} data={rows} getRowId={(r) => String(r.position)} />
}

const item = createColumnHelper<DataTableFeatures, PlanItemRow>()
const itemColumns = item.columns([
  item.accessor('item', { header: 'Item' }),
  item.accessor('period', { header: 'Period' }),
  item.accessor('demand', { header: 'SKU demand', meta: { numeric: true }, cell: fmt }),
  item.accessor('receipts', { header: 'PO receipts', meta: { numeric: true }, cell: fmt }),
  item.accessor('inventory', {
    header: 'Projected inventory',
    meta: { numeric: true },
    cell: ({ getValue }) => <span className={getValue() < 0 ? 'card-warning' : undefined}>{number.format(getValue())}</span>,
  }),
])

export function PlanItemsTable({ rows }: { rows: PlanItemRow[] }) {
  return <DataTable label="Items by period" columns={itemColumns} data={rows} getRowId={(r) => `${r.item}\u0000${r.position}`} />
}
