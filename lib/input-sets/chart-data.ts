// Per-period totals behind the detail page's charts: demand by family, and demand against
// capacity. The database sums (GROUP BY); only one row per period × series comes back,
// so a revision of a million rows costs one indexed scan, never a load of all rows.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import type { SqlConn } from '../db/sql'
import { getSql } from '../db/sql'
import { parseInputSetRef } from './labels'
import { resolveRevisionOrThrow } from './resolve'

/** More stacked series than this are unreadable; the rest are summed into one "other" series. */
export const TOP_FAMILIES = 8

/** `values` by family name; `other` sums the families not charted separately. */
export type DemandByFamilyPoint = { period: string; values: Record<string, number>; other: number }
export type DemandCapacityPoint = { period: string; demand: number; capacity: Record<string, number> }

export type InputSetCharts = {
  /** The families charted separately, largest total demand first. */
  families: string[]
  /** How many further families are summed into `other` (0: none). */
  otherFamilies: number
  demandByFamily: DemandByFamilyPoint[]
  /** Resource types that have capacity rows (workcenter, node, supplier): one line each. */
  resourceTypes: string[]
  demandVsCapacity: DemandCapacityPoint[]
}

type Totals = { period: string; series: string | null; total: number | string }

// The content hash covers every data section, so equal hashes mean equal charts: a revision
// is summed once per process (~1 s on SQLite for a million demand rows), then served from here.
const CACHE_SIZE = 32
const cache = new Map<string, InputSetCharts>()

export async function getInputSetCharts(access: ReadAccess, refText: string): Promise<InputSetCharts> {
  requireReadAccess(access)
  const ref = parseInputSetRef(refText)
  return getSql().withConnection(async (conn) => {
    const { revisionId, contentHash } = await resolveRevisionOrThrow(conn, ref)
    const cached = cache.get(contentHash)
    if (cached) return cached
    const charts = await sumCharts(conn, revisionId)
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
    cache.set(contentHash, charts)
    return charts
  })
}

async function sumCharts(conn: SqlConn, revisionId: number): Promise<InputSetCharts> {
  const top = await conn.all<{ family: string }>(
    `SELECT family FROM demand_row WHERE revision_id = ? GROUP BY family ORDER BY SUM(demand) DESC, family LIMIT ?`,
    [revisionId, TOP_FAMILIES],
  )
  const families = top.map((r) => r.family)
  const [familyCount, demand, capacity, order] = await Promise.all([
    conn.get<{ n: number | string }>(`SELECT COUNT(DISTINCT family) AS n FROM demand_row WHERE revision_id = ?`, [revisionId]),
    demandTotals(conn, revisionId, families),
    conn.all<Totals>(
      `SELECT period, resource_type AS series, SUM(capacity) AS total FROM capacity_row WHERE revision_id = ? GROUP BY 1, 2`,
      [revisionId],
    ),
    periodOrder(conn, revisionId),
  ])
  return assemble(families, Number(familyCount?.n ?? 0) - families.length, demand, capacity, order)
}

// Families outside the top ones fall into the NULL group, which becomes "other".
function demandTotals(conn: SqlConn, revisionId: number, families: string[]): Promise<Totals[]> {
  const series = families.length ? `CASE WHEN family IN (${families.map(() => '?').join(', ')}) THEN family END` : 'NULL'
  return conn.all<Totals>(
    // GROUP BY position: PostgreSQL would not match a repeated CASE with renumbered parameters.
    `SELECT period, ${series} AS series, SUM(demand) AS total FROM demand_row WHERE revision_id = ? GROUP BY 1, 2`,
    [...families, revisionId],
  )
}

/** Calendar order (start date) where the calendar knows the period, then by name. */
async function periodOrder(conn: SqlConn, revisionId: number): Promise<Map<string, string>> {
  const rows = await conn.all<{ period: string; start_date: string }>(`SELECT period, start_date FROM calendar_period WHERE revision_id = ?`, [revisionId])
  return new Map(rows.map((r) => [r.period, r.start_date]))
}

function assemble(families: string[], otherFamilies: number, demand: Totals[], capacity: Totals[], starts: Map<string, string>): InputSetCharts {
  const periods = [...new Set([...demand, ...capacity].map((r) => r.period))].sort((a, b) => {
    const sa = starts.get(a)
    const sb = starts.get(b)
    if (sa !== sb) return sa === undefined ? 1 : sb === undefined ? -1 : sa < sb ? -1 : 1
    return a < b ? -1 : a > b ? 1 : 0
  })
  const byFamily = new Map(periods.map((period) => [period, { period, values: {} as Record<string, number>, other: 0 }]))
  const demandTotal = new Map<string, number>()
  for (const r of demand) {
    const point = byFamily.get(r.period)!
    if (r.series === null) point.other = Number(r.total)
    else point.values[r.series] = Number(r.total)
    demandTotal.set(r.period, (demandTotal.get(r.period) ?? 0) + Number(r.total))
  }
  const byType = new Map(periods.map((p) => [p, {} as Record<string, number>]))
  for (const r of capacity) byType.get(r.period)![r.series ?? 'workcenter'] = Number(r.total)
  return {
    families,
    otherFamilies: Math.max(0, otherFamilies),
    demandByFamily: periods.map((period) => byFamily.get(period)!),
    resourceTypes: [...new Set(capacity.map((r) => r.series ?? 'workcenter'))].sort(),
    demandVsCapacity: periods.map((period) => ({ period, demand: demandTotal.get(period) ?? 0, capacity: byType.get(period)! })),
  }
}
