'use client'

import { Area, Bar, CartesianGrid, ComposedChart, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import type { DemandByFamilyPoint } from '@/lib/input-sets/queries/chart-data'
import { compactNumber, DENSE_PERIODS, fullNumber, OTHER_COLOR, SERIES_COLORS } from './chart-colors'

type Props = { points: DemandByFamilyPoint[]; families: string[]; otherFamilies: number }

/**
 * Demand per period, stacked by family (the largest families; the rest summed as "other").
 * Past DENSE_PERIODS periods the stacks are drawn as areas: thousands of bars would be
 * unreadable slivers and make the browser draw for seconds.
 */
export function DemandByFamilyChart({ points, families, otherFamilies }: Props) {
  const dense = points.length > DENSE_PERIODS
  const series = [
    ...families.map((family, i) => ({ name: family, color: SERIES_COLORS[i % SERIES_COLORS.length], value: (p: DemandByFamilyPoint) => p.values[family] ?? 0 })),
    ...(otherFamilies > 0
      ? [{ name: `${otherFamilies} other famil${otherFamilies === 1 ? 'y' : 'ies'}`, color: OTHER_COLOR, value: (p: DemandByFamilyPoint) => p.other }]
      : []),
  ]
  return (
    <ComposedChart data={points} responsive width="100%" height={320} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="period" tick={{ fontSize: 12 }} minTickGap={16} />
      <YAxis tickFormatter={(v: number) => compactNumber.format(v)} tick={{ fontSize: 12 }} width={56} />
      <Tooltip formatter={(v) => fullNumber.format(Number(v))} />
      {/* Legend in series order (largest family first), not alphabetical. */}
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      {/* Function data keys: family names are data and could collide with "period". */}
      {series.map((s) =>
        dense ? (
          <Area
            key={s.name}
            name={s.name}
            dataKey={s.value}
            stackId="demand"
            type="linear"
            stroke={s.color}
            fill={s.color}
            fillOpacity={0.85}
            dot={false}
            isAnimationActive={false}
          />
        ) : (
          <Bar key={s.name} name={s.name} dataKey={s.value} stackId="demand" fill={s.color} isAnimationActive={false} />
        ),
      )}
    </ComposedChart>
  )
}
