'use client'

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts'
import type { PlanPeriodRow } from '@/lib/plans/rough-cut'
import { CAPACITY_COLORS, compactNumber, DEMAND_COLOR, fullNumber, SERIES_COLORS } from '../charts/chart-colors'

/** Demand and planned supply as bars against capacity and carried backlog as lines, per period. */
export function PlanChart({ periods }: { periods: PlanPeriodRow[] }) {
  return (
    <ComposedChart data={periods} responsive width="100%" height={320} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="period" tick={{ fontSize: 12 }} minTickGap={16} />
      <YAxis tickFormatter={(v: number) => compactNumber.format(v)} tick={{ fontSize: 12 }} width={56} />
      <Tooltip formatter={(v) => fullNumber.format(Number(v))} />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      <Bar name="Demand" dataKey="demand" fill={DEMAND_COLOR} isAnimationActive={false} />
      <Bar name="Planned supply" dataKey="supply" fill={SERIES_COLORS[2]} isAnimationActive={false} />
      <Line name="Capacity" dataKey="capacity" stroke={CAPACITY_COLORS.workcenter} strokeWidth={2} isAnimationActive={false} />
      <Line name="Backlog" dataKey="backlog" stroke={SERIES_COLORS[1]} strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
    </ComposedChart>
  )
}
