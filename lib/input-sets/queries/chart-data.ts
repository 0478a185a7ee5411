// Per-period totals behind the detail page's charts: demand by family, and demand against
// capacity. The database sums (GROUP BY); only one row per period × series comes back,
// so a revision of a million rows costs one indexed scan, never a load of all rows.
import { sql, type ExpressionWrapper } from 'kysely'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import type { DB } from '../../db/query'
import type { SqlConn } from '../../db/sql'
import { getSql } from '../../db/sql'
import { parseInputSetRef } from '../labels'
import { resolveRevisionOrThrow } from '../store/resolve'

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

type Totals = { period: string; series: string | null; total: number }

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
  const demandRows = conn.db.selectFrom('demand_row').where('revision_id', '=', revisionId)
  const top = await demandRows
    .select('family')
    .groupBy('family')
    .orderBy((eb) => eb.fn.sum('demand'), 'desc')
    .orderBy('family')
    .limit(TOP_FAMILIES)
    .execute()
  const families = top.map((r) => r.family)
  // One after another: a PostgreSQL connection runs one query at a time anyway, and pg warns
  // about queries queued on a busy client.
  const familyCount = await demandRows.select((eb) => eb.fn.count<number>('family').distinct().as('n')).executeTakeFirstOrThrow()
  const demand = await demandTotals(conn, revisionId, families)
  const capacity = await conn.db
    .selectFrom('capacity_row')
    .select((eb) => ['period', 'resource_type as series', eb.fn.sum<number>('capacity').as('total')])
    .where('revision_id', '=', revisionId)
    .groupBy(['period', 'resource_type'])
    .execute()
  const order = await periodOrder(conn, revisionId)
  return assemble(families, familyCount.n - families.length, demand, capacity, order)
}

// Families outside the top ones fall into the NULL group, which becomes "other".
function demandTotals(conn: SqlConn, revisionId: number, families: string[]): Promise<Totals[]> {
  return (
    conn.db
      .selectFrom('demand_row')
      .select((eb) => {
        const series: ExpressionWrapper<DB, 'demand_row', string | null> = families.length
          ? eb.case().when('family', 'in', families).then(eb.ref('family')).end()
          : eb.lit(null)
        return ['period', series.as('series'), eb.fn.sum<number>('demand').as('total')]
      })
      .where('revision_id', '=', revisionId)
      // GROUP BY position: PostgreSQL would not match a repeated CASE with renumbered parameters.
      .groupBy([sql`1`, sql`2`])
      .execute()
  )
}

/** Calendar order (start date) where the calendar knows the period, then by name. */
async function periodOrder(conn: SqlConn, revisionId: number): Promise<Map<string, string>> {
  const rows = await conn.db.selectFrom('calendar_period').select(['period', 'start_date']).where('revision_id', '=', revisionId).execute()
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
    if (r.series === null) point.other = r.total
    else point.values[r.series] = r.total
    demandTotal.set(r.period, (demandTotal.get(r.period) ?? 0) + r.total)
  }
  const byType = new Map(periods.map((p) => [p, {} as Record<string, number>]))
  for (const r of capacity) byType.get(r.period)![r.series ?? 'workcenter'] = r.total
  return {
    families,
    otherFamilies: Math.max(0, otherFamilies),
    demandByFamily: periods.map((period) => byFamily.get(period)!),
    resourceTypes: [...new Set(capacity.map((r) => r.series ?? 'workcenter'))].sort(),
    demandVsCapacity: periods.map((period) => ({ period, demand: demandTotal.get(period) ?? 0, capacity: byType.get(period)! })),
  }
}
