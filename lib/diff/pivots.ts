// Demand and capacity totals and per family/workcenter × period deltas, computed in SQL.
// A FULL OUTER JOIN of the two revisions, written as UNION ALL + GROUP BY so the same
// SQL runs on both databases whatever the SQLite version: a key present on one side
// only contributes 0 for the other. Keys are unique per revision, so no sum mixes rows.
import type { SqlConn } from '../db/sql'
import type { DiffReport, Total } from './types'

type PivotSpec = { table: string; dim: 'family' | 'workcenter'; value: string }
const DEMAND: PivotSpec = { table: 'demand_row', dim: 'family', value: 'demand' }
const CAPACITY: PivotSpec = { table: 'capacity_row', dim: 'workcenter', value: 'capacity' }

async function pivot(conn: SqlConn, s: PivotSpec, ids: { previous: number; current: number }) {
  const text = (c: string) => (conn.kind === 'postgres' ? `${c} COLLATE "C"` : c)
  const rows = await conn.all<Record<string, unknown>>(
    `SELECT ${s.dim} AS dim, period, SUM(prev) AS previous, SUM(cur) AS current
     FROM (
       SELECT ${s.dim}, period, ${s.value} AS prev, 0.0 AS cur FROM ${s.table} WHERE revision_id = ?
       UNION ALL
       SELECT ${s.dim}, period, 0.0 AS prev, ${s.value} AS cur FROM ${s.table} WHERE revision_id = ?
     ) both_sides
     GROUP BY ${s.dim}, period
     HAVING SUM(cur) - SUM(prev) <> 0
     ORDER BY ${text(s.dim)}, ${text('period')}`,
    [ids.previous, ids.current],
  )
  return rows.map((r) => {
    const previous = Number(r.previous)
    const current = Number(r.current)
    return { dim: String(r.dim), period: String(r.period), previous, current, delta: current - previous }
  })
}

async function total(conn: SqlConn, s: PivotSpec, ids: { previous: number; current: number }): Promise<Total> {
  const row = await conn.get<{ previous: unknown; current: unknown }>(
    `SELECT (SELECT COALESCE(SUM(${s.value}), 0) FROM ${s.table} WHERE revision_id = ?) AS previous,
            (SELECT COALESCE(SUM(${s.value}), 0) FROM ${s.table} WHERE revision_id = ?) AS current`,
    [ids.previous, ids.current],
  )
  const reference = Number(row?.previous ?? 0)
  const current = Number(row?.current ?? 0)
  return { current, reference, delta: current - reference }
}

export async function pivotsAndTotals(conn: SqlConn, ids: { previous: number; current: number }) {
  const pivots: DiffReport['pivots'] = {
    demand: (await pivot(conn, DEMAND, ids)).map(({ dim, ...r }) => ({ family: dim, ...r })),
    capacity: (await pivot(conn, CAPACITY, ids)).map(({ dim, ...r }) => ({ workcenter: dim, ...r })),
  }
  return { pivots, demand_total: await total(conn, DEMAND, ids), capacity_total: await total(conn, CAPACITY, ids) }
}
