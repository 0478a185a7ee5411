// Diffs one CSV section. The database pairs the two revisions on the key and returns only
// the rows that may differ (see sql-join.ts), streamed in key order; here they are compared
// field by field. Unchanged rows are only counted, so memory stays flat and the work left
// to JavaScript is proportional to the differences, not to the size of the sections.
import type { SqlConn } from '../db/sql'
import { CSV_SECTIONS, type CsvSectionDef, type CsvStem, type FieldDef } from '../input-sets/bundle/sections'
import { numberChange, toNumber, valueChange } from './compare'
import { chunkColumn } from '../input-sets/store/section-chunks'
import { planSectionDiff } from './chunks'
import { CURRENT_PREFIX, REFERENCE_PREFIX, streamDifferingRows, type ChunkFilter, type JoinedRow, type KeyPass } from './sql-join'
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
  const plan = await planSectionDiff(conn, stem, ids)
  // Rows of equal chunks are equal on both sides, so they never enter the join; every pass is
  // narrowed to the same chunks (a po_id found in an equal chunk is in it on both sides).
  const only = plan.kind === 'chunks' ? { column: chunkColumn(def), keys: plan.keys } : undefined
  if (!only || only.keys.length) for (const pass of keyPasses(def)) await collectPass(conn, def, pass, ids, tol, out, observe, only)
  // Every reference row is either removed, changed or unchanged.
  out.unchangedRows(plan.referenceRows - out.counts.removed - out.counts.changed)
  return out
}

/** Sorts the rows one pass of the join returns into added, removed and changed. */
async function collectPass(
  conn: SqlConn,
  def: CsvSectionDef,
  pass: KeyPass,
  ids: { previous: number; current: number },
  tol: Tolerance,
  out: SectionCollector,
  observe?: DifferingRowObserver,
  only?: ChunkFilter,
): Promise<void> {
  for await (const batch of streamDifferingRows(conn, def, pass, ids, CHUNK, only)) {
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
}
