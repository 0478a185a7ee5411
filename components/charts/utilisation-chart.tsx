'use client'

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { CAPACITY_COLORS, DEMAND_COLOR } from './chart-colors'

export type UtilisationPoint = { period: string; reference: number | null; current: number | null }

type Props = { points: UtilisationPoint[]; limitPercent: number }

/** Utilisation (%) per period of the reference plan and of the current one, with the 100 % line and the set's warning limit. */
export function UtilisationChart({ points, limitPercent }: Props) {
  return (
    <LineChart data={points} responsive width="100%" height={260} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="period" tick={{ fontSize: 12 }} minTickGap={16} />
      <YAxis unit=" %" domain={[0, (max: number) => Math.max(110, Math.ceil(max / 10) * 10)]} tick={{ fontSize: 12 }} width={56} />
      <Tooltip formatter={(v) => `${Number(v)} %`} />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      <ReferenceLine y={100} stroke="#333" strokeDasharray="4 2" label={{ value: '100 %', position: 'insideTopLeft', fontSize: 11 }} />
      {limitPercent !== 100 && (
        <ReferenceLine
          y={limitPercent}
          stroke="#b07aa1"
          strokeDasharray="2 2"
          label={{ value: `limit ${limitPercent} %`, position: 'insideBottomLeft', fontSize: 11 }}
        />
      )}
      <Line name="Reference" dataKey="reference" stroke={DEMAND_COLOR} strokeWidth={2} strokeDasharray="5 3" connectNulls isAnimationActive={false} />
      <Line name="This revision" dataKey="current" stroke={CAPACITY_COLORS.workcenter} strokeWidth={2} connectNulls isAnimationActive={false} />
    </LineChart>
  )
}
