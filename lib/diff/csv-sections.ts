// Diffs one CSV section by streaming both revisions in key order and merge-joining them:
// memory stays flat however large the sections are.
import type { SqlConn } from '../db/sql'
import { CSV_SECTIONS, type CsvSectionDef, type CsvStem, type FieldDef } from '../input-sets/sections'
import { compareKeys, numberChange, toNumber, valueChange } from './compare'
import { SectionCollector, type ChangedRow, type FieldChange, type Tolerance } from './types'

const CHUNK = 2000

type Row = Record<string, unknown>

/**
 * The key orders one section is merged in. open_po rows are keyed by po_id when they have
 * one, else by item + due, so the two kinds are merged as separate streams; a row that
 * gains or loses its po_id therefore shows as removed + added, as its identity changed.
 */
function keyPasses(def: CsvSectionDef): { where: string; key: string[] }[] {
  if (def.stem === 'open_po') {
    return [
      { where: 'po_id IS NOT NULL', key: ['po_id'] },
      { where: 'po_id IS NULL', key: def.key },
    ]
  }
  return [{ where: '1 = 1', key: def.key }]
}

/** Same rules as export's rowOrderSql: NULL first, text byte-wise on both databases. */
function keyOrderSql(def: CsvSectionDef, key: string[], kind: SqlConn['kind']): string {
  return [
    ...key.flatMap((name) => {
      const f = field(def, name)
      const value = kind === 'postgres' ? `${f.column} COLLATE "C"` : f.column
      return f.required ? [value] : [`(${f.column} IS NOT NULL)`, value]
    }),
    'id',
  ].join(', ')
}

function field(def: CsvSectionDef, name: string): FieldDef {
  return def.fields.find((f) => f.name === name)!
}

const isNumeric = (f: FieldDef) => f.type === 'number' || f.type === 'int'

async function* rowsOf(conn: SqlConn, def: CsvSectionDef, revisionId: number, where: string, key: string[]): AsyncGenerator<Row> {
  const sql = `SELECT ${def.fields.map((f) => f.column).join(', ')}, extra_json FROM ${def.table}
    WHERE revision_id = ? AND ${where} ORDER BY ${keyOrderSql(def, key, conn.kind)}`
  for await (const batch of conn.iterate<Row>(sql, [revisionId], CHUNK)) yield* batch
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
    const change = isNumeric(f)
      ? numberChange(toNumber(prev[f.column]), toNumber(cur[f.column]), tol)
      : valueChange(prev[f.column], cur[f.column], tol)
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

/**
 * Merge-joins the reference (prevConn) and current (curConn) rows of one section. Two
 * connections, because a connection streams one result set at a time.
 */
export async function diffCsvSection(
  stem: CsvStem,
  prevConn: SqlConn,
  curConn: SqlConn,
  ids: { previous: number; current: number },
  tol: Tolerance,
  limit: number,
): Promise<SectionCollector> {
  const def = CSV_SECTIONS[stem]
  const out = new SectionCollector(limit)
  for (const { where, key } of keyPasses(def)) {
    const keyOf = (row: Row) => key.map((k) => (row[field(def, k).column] ?? null) as string | null)
    const prevRows = rowsOf(prevConn, def, ids.previous, where, key)
    const curRows = rowsOf(curConn, def, ids.current, where, key)
    try {
      let p = await prevRows.next()
      let c = await curRows.next()
      while (!p.done || !c.done) {
        const order = p.done ? 1 : c.done ? -1 : compareKeys(keyOf(p.value), keyOf(c.value))
        if (order < 0) {
          out.removed(present(def, p.value as Row))
          p = await prevRows.next()
        } else if (order > 0) {
          out.added(present(def, c.value as Row))
          c = await curRows.next()
        } else {
          const changed = compareRows(def, key, p.value as Row, c.value as Row, tol)
          if (changed) out.changed(changed)
          else out.unchanged()
          p = await prevRows.next()
          c = await curRows.next()
        }
      }
    } finally {
      // Closes the cursors (and PostgreSQL's read transaction) if the loop stopped early.
      await prevRows.return(undefined)
      await curRows.return(undefined)
    }
  }
  return out
}
