'use client'

import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts'
import type { DemandCapacityPoint } from '@/lib/input-sets/queries/chart-data'
import { CAPACITY_COLORS, compactNumber, DEMAND_COLOR, DENSE_PERIODS, fullNumber } from './chart-colors'

type Props = { points: DemandCapacityPoint[]; resourceTypes: string[] }

/** Total demand per period as bars (an area past DENSE_PERIODS) against capacity per resource type as lines. */
export function DemandCapacityChart({ points, resourceTypes }: Props) {
  const dense = points.length > DENSE_PERIODS
  return (
    <ComposedChart data={points} responsive width="100%" height={320} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="period" tick={{ fontSize: 12 }} minTickGap={16} />
      <YAxis tickFormatter={(v: number) => compactNumber.format(v)} tick={{ fontSize: 12 }} width={56} />
      <Tooltip formatter={(v) => fullNumber.format(Number(v))} />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      {dense ? (
        <Area name="Demand" dataKey="demand" type="linear" stroke={DEMAND_COLOR} fill={DEMAND_COLOR} fillOpacity={0.6} dot={false} isAnimationActive={false} />
      ) : (
        <Bar name="Demand" dataKey="demand" fill={DEMAND_COLOR} isAnimationActive={false} />
      )}
      {resourceTypes.map((type) => (
        <Line
          key={type}
          name={resourceTypes.length === 1 && type === 'workcenter' ? 'Capacity' : `Capacity (${type})`}
          dataKey={(p: DemandCapacityPoint) => p.capacity[type] ?? null}
          stroke={CAPACITY_COLORS[type] ?? '#333'}
          strokeWidth={2}
          dot={!dense}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </ComposedChart>
  )
}
