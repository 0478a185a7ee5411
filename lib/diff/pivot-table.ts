// The diff page's family × period table (docs/diff.md, "The page"): the report's demand and
// capacity pivot cells as one list, filtered, sorted and paged here on the server from the
// cached report, so a pivot of 200,000 cells never travels to the browser whole.
import type { Page } from '../schema'
import type { DiffReport } from './types'

export const PIVOT_MEASURES = ['demand', 'capacity'] as const
export type PivotMeasure = (typeof PIVOT_MEASURES)[number]

export const PIVOT_SORTS = ['measure', 'key', 'period', 'previous', 'current', 'delta', 'relative'] as const
export type PivotSort = (typeof PIVOT_SORTS)[number]

/** One cell: a family's demand or a work centre's capacity in one period, on both sides. */
export type PivotCell = { measure: PivotMeasure; key: string; period: string; previous: number; current: number; delta: number; relative: number | null }

export type PivotQuery = {
  measure?: PivotMeasure
  /** Part of the family / work centre or of the period, any case. */
  q?: string
  sort: PivotSort
  desc: boolean
  page: number
  pageSize: number
}

export function pivotCells(pivots: DiffReport['pivots']): PivotCell[] {
  const cell = (measure: PivotMeasure, key: string, c: { period: string; previous: number; current: number; delta: number }): PivotCell => ({
    measure,
    key,
    period: c.period,
    previous: c.previous,
    current: c.current,
    delta: c.delta,
    relative: c.previous === 0 ? null : c.delta / Math.abs(c.previous),
  })
  return [...pivots.demand.map((d) => cell('demand', d.family, d)), ...pivots.capacity.map((c) => cell('capacity', c.workcenter, c))]
}

// Byte order for text, as the report lists keys and periods; demand before capacity; a cell
// without a relative change (previous 0) sorts after every number in either direction.
const valueOf = (c: PivotCell, sort: PivotSort) => (sort === 'measure' ? PIVOT_MEASURES.indexOf(c.measure) : c[sort])

function compare(a: PivotCell, b: PivotCell, sort: PivotSort): number {
  const x = valueOf(a, sort)
  const y = valueOf(b, sort)
  if (x === y) return 0
  if (x === null) return 1
  if (y === null) return -1
  return x < y ? -1 : 1
}

export function pivotTablePage(pivots: DiffReport['pivots'], o: PivotQuery): Page<PivotCell> {
  const q = o.q?.trim().toLowerCase()
  const rows = pivotCells(pivots).filter(
    (c) => (!o.measure || c.measure === o.measure) && (!q || c.key.toLowerCase().includes(q) || c.period.toLowerCase().includes(q)),
  )
  const direction = o.desc ? -1 : 1
  // Ties keep measure, key, period order, so every page of a sort is stable.
  const tieBreak = (a: PivotCell, b: PivotCell) => compare(a, b, 'measure') || compare(a, b, 'key') || compare(a, b, 'period')
  rows.sort((a, b) => {
    const primary = compare(a, b, o.sort)
    if (primary === 0) return tieBreak(a, b)
    const nullLast = valueOf(a, o.sort) === null || valueOf(b, o.sort) === null
    return nullLast ? primary : primary * direction
  })
  const start = (o.page - 1) * o.pageSize
  return { data: rows.slice(start, start + o.pageSize), total: rows.length, page: o.page, page_size: o.pageSize }
}
