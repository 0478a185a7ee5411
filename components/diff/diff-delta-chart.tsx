'use client'

import { useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { DeltaChart } from '@/lib/diff/chart-points'
import { CAPACITY_COLORS, compactNumber, DEMAND_COLOR, fullNumber } from '../charts/chart-colors'

const ALL = ''

/** Demand and capacity change per period (current − reference); one family's demand change on selection. */
export function DiffDeltaChart({ chart }: { chart: DeltaChart }) {
  const [family, setFamily] = useState(ALL)
  const demandOf = (p: DeltaChart['points'][number]) => (family === ALL ? p.demand : (p.families[family] ?? 0))
  return (
    <>
      <label className="chart-filter">
        Demand of{' '}
        <select value={family} onChange={(e) => setFamily(e.target.value)} aria-label="Family shown in the chart">
          <option value={ALL}>all families</option>
          {chart.families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        {chart.familiesChanged > chart.familiesShown && (
          <span className="sub">
            The {chart.familiesShown} families that changed most of {chart.familiesChanged} changed families are listed.
          </span>
        )}
      </label>
      <ComposedChart data={chart.points} responsive width="100%" height={320} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" tick={{ fontSize: 12 }} minTickGap={16} />
        <YAxis tickFormatter={(v: number) => compactNumber.format(v)} tick={{ fontSize: 12 }} width={56} />
        <Tooltip formatter={(v) => fullNumber.format(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <ReferenceLine y={0} stroke="#888" />
        <Bar name={family === ALL ? 'Demand change' : `Demand change (${family})`} dataKey={demandOf} fill={DEMAND_COLOR} isAnimationActive={false} />
        <Bar name="Capacity change" dataKey="capacity" fill={CAPACITY_COLORS.workcenter} isAnimationActive={false} />
      </ComposedChart>
    </>
  )
}
