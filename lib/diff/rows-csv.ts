// One section's added, removed or changed rows of a cached diff report as CSV (docs/diff.md,
// "CSV downloads"), produced line by line so the route streams it. Changed rows get their key
// columns, then reference, current, delta and relative change of every field that changed in
// any listed row (blank where that row's field did not change), then within_tolerance. Text
// cells carry the exports' formula guard (docs/bundles.md, "Spreadsheet-safe CSV export").
import { csvLine, guardTextCell } from '../input-sets/bundle/csv-format'
import type { CachedDiff } from './cache'
import { formatRef } from '../input-sets/labels'
import type { PinnedPair } from './refs'
import type { DiffKind } from './schema'
import type { ChangedRow } from './types'

type Row = Record<string, unknown>

const FIELD_PARTS = ['reference', 'current', 'delta', 'relative'] as const

function cell(value: unknown): unknown {
  if (typeof value === 'string') return guardTextCell(value)
  if (value !== null && typeof value === 'object') return guardTextCell(JSON.stringify(value))
  return value
}

const columnsOf = (rows: Row[]) => [...new Set(rows.flatMap((r) => Object.keys(r)))]

function* plainRows(rows: Row[]): Generator<string> {
  const columns = columnsOf(rows)
  yield csvLine(columns.map(cell))
  for (const row of rows) yield csvLine(columns.map((c) => cell(row[c])))
}

function* changedRows(rows: ChangedRow[]): Generator<string> {
  const keys = columnsOf(rows.map((r) => r.key))
  const fields = columnsOf(rows.map((r) => r.fields))
  yield csvLine([...keys, ...fields.flatMap((f) => FIELD_PARTS.map((p) => `${f}_${p}`)), 'within_tolerance'].map(cell))
  for (const row of rows) {
    const changes = fields.flatMap((f) => {
      const c = row.fields[f]
      return c ? [c.previous, c.current, c.delta, c.relative] : FIELD_PARTS.map(() => undefined)
    })
    yield csvLine([...keys.map((k) => row.key[k]), ...changes, row.within_tolerance].map(cell))
  }
}

/** The file name and the lines; undefined when the report has no such section. */
export function diffRowsCsv(cached: CachedDiff, pair: PinnedPair, section: string, kind: DiffKind): { fileName: string; lines: Iterable<string> } | undefined {
  const diff = cached.report.sections[section]
  if (!diff) return undefined
  const fileName = `diff_${formatRef(pair.current)}__${formatRef(pair.reference)}_${section}_${kind}.csv`
  return { fileName, lines: kind === 'changed' ? changedRows(diff.changed) : plainRows(diff[kind]) }
}
