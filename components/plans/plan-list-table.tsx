'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { createColumnHelper } from '@tanstack/react-table'
import type { PlanListRow } from '@/lib/plans/list-plans'
import type { RunListRow } from '@/lib/plans/read-run'
import { DataTable } from '../data-table/data-table'
import type { DataTableFeatures } from '../data-table/features'
import { DateTime } from '../input-set-time'
import { planHref, runHref } from './plan-links'

/** The recorded revision and, when it is archived or gone, the Missing InputSet flag. */
function InputSetCell({ label, revision, status }: { label: string | null; revision: number | null; status: string | null }) {
  if (label === null) return <span className="card-warning">legacy: no input set</span>
  return (
    <>
      {label}@{revision}
      {(status === null || status === 'archived') && <span className="card-warning"> · Missing InputSet</span>}
    </>
  )
}

const plan = createColumnHelper<DataTableFeatures, PlanListRow>()

export function PlanListTable({ rows, timeZone }: { rows: PlanListRow[]; timeZone: string }) {
  const columns = useMemo(
    () =>
      plan.columns([
        plan.accessor('id', { header: 'Plan', cell: ({ getValue }) => <Link href={planHref(getValue())}>Plan {getValue()}</Link> }),
        plan.accessor('input_set_label', {
          header: 'Input set',
          cell: ({ row }) => <InputSetCell label={row.original.input_set_label} revision={row.original.revision} status={row.original.input_set_status} />,
        }),
        plan.accessor('config_version_id', { header: 'Config version', meta: { numeric: true } }),
        plan.accessor('periods', { header: 'Periods', meta: { numeric: true } }),
        plan.accessor('failed_artifacts', {
          header: 'Artifacts',
          cell: ({ getValue }) => (getValue() > 0 ? <span className="card-warning">{getValue()} not written</span> : 'written'),
        }),
        plan.accessor('created_by', { header: 'Created by' }),
        plan.accessor('created_at', { header: 'Created', cell: ({ getValue }) => <DateTime iso={getValue()} timeZone={timeZone} /> }),
      ]),
    [timeZone],
  )
  return <DataTable label="Plans" columns={columns} data={rows} getRowId={(r) => String(r.id)} />
}

const run = createColumnHelper<DataTableFeatures, RunListRow>()

export function RunListTable({ rows, timeZone }: { rows: RunListRow[]; timeZone: string }) {
  const columns = useMemo(
    () =>
      run.columns([
        run.accessor('id', { header: 'Run', cell: ({ getValue }) => <Link href={runHref(getValue())}>Run {getValue()}</Link> }),
        run.accessor('input_set_label', {
          header: 'Input set',
          cell: ({ row }) => <InputSetCell label={row.original.input_set_label} revision={row.original.revision} status={row.original.input_set_status} />,
        }),
        run.accessor('plan_id', {
          header: 'Plan',
          cell: ({ getValue }) => (getValue() === null ? '—' : <Link href={planHref(getValue()!)}>Plan {getValue()}</Link>),
        }),
        run.accessor('entrypoint', { header: 'Entrypoint' }),
        run.accessor('status', { header: 'Status' }),
        run.accessor('created_by', { header: 'Created by' }),
        run.accessor('created_at', { header: 'Created', cell: ({ getValue }) => <DateTime iso={getValue()} timeZone={timeZone} /> }),
      ]),
    [timeZone],
  )
  return <DataTable label="Runs" columns={columns} data={rows} getRowId={(r) => String(r.id)} />
}
