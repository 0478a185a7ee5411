// Diffs one CSV section. The database pairs the two revisions on the key and returns only
// the rows that may differ (see sql-join.ts), streamed in key order; here they are compared
// field by field. Unchanged rows are only counted, so memory stays flat and the work left
// to JavaScript is proportional to the differences, not to the size of the sections.
import type { SqlConn } from '../db/sql'
import { CSV_SECTIONS, type CsvSectionDef, type CsvStem, type FieldDef } from '../input-sets/bundle/sections'
import { numberChange, toNumber, valueChange } from './compare'
import { CURRENT_PREFIX, passRowCount, REFERENCE_PREFIX, streamDifferingRows, type JoinedRow, type KeyPass } from './sql-join'
import { SectionCollector, type ChangedRow, type FieldChange, type Tolerance } from './types'

const CHUNK = 2000

export type Row = Record<string, unknown>

/** Sees every row pair the database returned as differing; an absent side is undefined. */
export type DifferingRowObserver = (previous: Row | undefined, current: Row | undefined) => void

/**
 * The keys one section is matched on. open_po rows are keyed by po_id when they have one,
 * else by item + due, so the two kinds are matched separately; a row that gains or loses its
 * po_id therefore shows as removed + added, as its identity changed.
 */
function keyPasses(def: CsvSectionDef): KeyPass[] {
  if (def.stem === 'open_po') {
    return [
      { key: ['po_id'], rows: (t) => `${t}.po_id IS NOT NULL`, indexed: false },
      { key: def.key, rows: (t) => `${t}.po_id IS NULL`, indexed: true },
    ]
  }
  return [{ key: def.key, rows: () => '1 = 1', indexed: true }]
}

function field(def: CsvSectionDef, name: string): FieldDef {
  return def.fields.find((f) => f.name === name)!
}

const isNumeric = (f: FieldDef) => f.type === 'number' || f.type === 'int'

/** One side of a joined result row, under the table's own column names; undefined if absent. */
function sideOf(def: CsvSectionDef, joined: JoinedRow, prefix: string): Row | undefined {
  if (joined[`${prefix}id`] === null || joined[`${prefix}id`] === undefined) return undefined
  const row: Row = { extra_json: joined[`${prefix}extra_json`] }
  for (const f of def.fields) row[f.column] = joined[`${prefix}${f.column}`]
  return row
}

/** A stored row as the bundle shows it: named fields, then its unknown columns. */
function present(def: CsvSectionDef, row: Row): Row {
  const out: Row = {}
  for (const f of def.fields) out[f.name] = isNumeric(f) ? toNumber(row[f.column]) : (row[f.column] ?? null)
  return { ...out, ...extraOf(row) }
}

function extraOf(row: Row): Record<string, string> {
  return typeof row.extra_json === 'string' ? (JSON.parse(row.extra_json) as Record<string, string>) : {}
}

function compareRows(def: CsvSectionDef, key: string[], prev: Row, cur: Row, tol: Tolerance): ChangedRow | undefined {
  const fields: Record<string, FieldChange> = {}
  for (const f of def.fields) {
    if (key.includes(f.name)) continue
    const change = isNumeric(f) ? numberChange(toNumber(prev[f.column]), toNumber(cur[f.column]), tol) : valueChange(prev[f.column], cur[f.column], tol)
    if (change) fields[f.name] = change
  }
  // Unknown columns are text in the upload and are compared as text.
  const [pe, ce] = [extraOf(prev), extraOf(cur)]
  for (const name of [...new Set([...Object.keys(pe), ...Object.keys(ce)])].sort()) {
    const change = valueChange(pe[name] === undefined ? null : String(pe[name]), ce[name] === undefined ? null : String(ce[name]), tol)
    if (change) fields[name] = change
  }
  const names = Object.keys(fields)
  if (!names.length) return undefined
  return {
    key: Object.fromEntries(key.map((k) => [k, prev[field(def, k).column] ?? null])),
    fields,
    within_tolerance: names.every((n) => fields[n].within_tolerance === true),
  }
}

export async function diffCsvSection(
  stem: CsvStem,
  conn: SqlConn,
  ids: { previous: number; current: number },
  tol: Tolerance,
  limit: number,
  observe?: DifferingRowObserver,
): Promise<SectionCollector> {
  const def = CSV_SECTIONS[stem]
  const out = new SectionCollector(limit)
  for (const pass of keyPasses(def)) {
    const referenceRows = await passRowCount(conn, def, pass, ids.previous)
    const before = { ...out.counts }
    for await (const batch of streamDifferingRows(conn, def, pass, ids, CHUNK)) {
      for (const joined of batch) {
        const prev = sideOf(def, joined, REFERENCE_PREFIX)
        const cur = sideOf(def, joined, CURRENT_PREFIX)
        observe?.(prev, cur)
        if (!cur) out.removed(present(def, prev!))
        else if (!prev) out.added(present(def, cur))
        else {
          const changed = compareRows(def, pass.key, prev, cur, tol)
          if (changed) out.changed(changed)
        }
      }
    }
    // Every reference row of the pass is either removed, changed or unchanged.
    const removed = out.counts.removed - before.removed
    const changed = out.counts.changed - before.changed
    out.unchangedRows(referenceRows - removed - changed)
  }
  return out
}
