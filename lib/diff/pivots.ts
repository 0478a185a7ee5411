// Demand and capacity totals, and their per family/workcenter × period deltas. Both
// sections are keyed by exactly that pair, so a pivot cell is one row of each side and its
// delta is non-zero only for a row the section diff already sees as differing: the pivot
// is collected from that stream instead of grouping both revisions again. Totals sum every
// row: the import stores each revision's (lib/input-sets/store/section-totals.ts).
import type { SqlConn } from '../db/sql'
import { sectionTotal, type TotalledStem } from '../input-sets/store/section-totals'
import type { DifferingRowObserver, Row } from './csv-sections'
import type { DiffReport, Total } from './types'

type PivotSpec = { dim: 'family' | 'workcenter'; value: 'demand' | 'capacity'; stem: TotalledStem }
const DEMAND: PivotSpec = { dim: 'family', value: 'demand', stem: 'demand_family' }
const CAPACITY: PivotSpec = { dim: 'workcenter', value: 'capacity', stem: 'capacity' }

type Cell = { dim: string; period: string; previous: number; current: number; delta: number }

/**
 * Collects the non-zero cells of one pivot from the differing rows, which arrive in key
 * order (dim, period byte-wise) — the pivot's order. A side without the row counts as 0.
 */
function pivotCollector(s: PivotSpec): { cells: Cell[]; observe: DifferingRowObserver } {
  const cells: Cell[] = []
  const valueOf = (row: Row | undefined) => (row ? Number(row[s.value]) : 0)
  const observe: DifferingRowObserver = (prev, cur) => {
    const previous = valueOf(prev)
    const current = valueOf(cur)
    const delta = current - previous
    if (delta !== 0) {
      const row = (prev ?? cur)!
      cells.push({ dim: String(row[s.dim]), period: String(row.period), previous, current, delta })
    }
  }
  return { cells, observe }
}

async function total(conn: SqlConn, s: PivotSpec, ids: { previous: number; current: number }): Promise<Total> {
  const reference = await sectionTotal(conn, s.stem, ids.previous)
  const current = await sectionTotal(conn, s.stem, ids.current)
  return { current, reference, delta: current - reference }
}

/** Observers to hand to the demand_family and capacity section diffs, then `finish` for the report. */
export function pivotsAndTotals() {
  const demand = pivotCollector(DEMAND)
  const capacity = pivotCollector(CAPACITY)
  return {
    observers: { demand_family: demand.observe, capacity: capacity.observe } as Partial<Record<string, DifferingRowObserver>>,
    async finish(conn: SqlConn, ids: { previous: number; current: number }) {
      const pivots: DiffReport['pivots'] = {
        demand: demand.cells.map(({ dim, ...r }) => ({ family: dim, ...r })),
        capacity: capacity.cells.map(({ dim, ...r }) => ({ workcenter: dim, ...r })),
      }
      return { pivots, demand_total: await total(conn, DEMAND, ids), capacity_total: await total(conn, CAPACITY, ids) }
    },
  }
}
