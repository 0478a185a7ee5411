// Writes one revision's sections as bundle files: rows in key order, fixed column
// order, so the same revision always exports to the same bytes.
import fs from 'node:fs'
import path from 'node:path'
import type { SqlConn } from '../../db/sql'
import { CALENDAR_FILE } from '../bundle/calendar'
import { closeStream, csvLine, guardTextCell, writeChunk } from '../bundle/csv-format'
import { PARAMS_FILE } from '../bundle/params'
import type { CsvSectionDef, CsvStem } from '../bundle/sections'
import { extraColumnNames, parseExtra, type StoredCsvRow } from './section-reads'
import { readCalendarHeader, readCalendarPeriods, readCalendarWeeks } from './calendar-reads'

/** A written file; a CSV also names its section and its columns in file order (for datapackage.json). */
export type WrittenFile = { name: string; rows: number; stem?: CsvStem; columns?: string[] }

/** Row order of exports and paged reads: the key, except where a fuller order reads better. */
const ROW_ORDER: Partial<Record<CsvStem, string[]>> = {
  mix_share: ['family', 'sku', 'effective_from'],
  open_po: ['item', 'due', 'po_id'],
}

/**
 * ORDER BY for a section, identical on both databases so equal data exports to equal bytes:
 * empty optional values first (PostgreSQL would put NULL last), text compared byte-wise
 * (PostgreSQL would use the database's locale), the row id last for a stable order.
 */
export function rowOrderSql(def: CsvSectionDef, kind: SqlConn['kind']): string {
  const bytewise = (column: string) => (kind === 'postgres' ? `${column} COLLATE "C"` : column)
  return [
    ...(ROW_ORDER[def.stem] ?? def.key).flatMap((name) => {
      const f = def.fields.find((field) => field.name === name)!
      const value = f.type === 'number' || f.type === 'int' ? f.column : bytewise(f.column)
      return f.required ? [value] : [`(${f.column} IS NOT NULL)`, value]
    }),
    'id',
  ].join(', ')
}

// The column counts and the row stream are built from the section's definition, so they stay raw SQL
// with explicit row types (docs/adr/0001-typed-query-layer.md); the stream reads in chunks.
export async function writeCsvSection(
  conn: SqlConn,
  def: CsvSectionDef,
  revisionId: number,
  dir: string,
  onRows?: (n: number) => void,
): Promise<WrittenFile | undefined> {
  // COUNT(column) counts the rows where the column is filled in; COUNT results are numbers on both databases.
  // eslint-disable-next-line no-restricted-syntax -- SQL generated from the section definitions (ADR 0001)
  const counts = await conn.get<Record<string, number>>(
    `SELECT COUNT(*) AS n, ${def.fields.map((f) => `COUNT(${f.column}) AS ${f.column}`).join(', ')} FROM ${def.table} WHERE revision_id = ?`,
    [revisionId],
  )
  const total = counts?.n ?? 0
  if (total === 0) return undefined
  // Optional columns nobody filled in are left out, as they were in the upload.
  const fields = def.fields.filter((f) => f.required || (counts?.[f.column] ?? 0) > 0)
  const extraNames = await extraColumnNames(conn, def.table, revisionId)
  const out = fs.createWriteStream(path.join(dir, def.file))
  let rows = 0
  let columns: string[] = []
  try {
    // Text cells go through the formula guard (bundle/csv-format.ts); numeric columns never do.
    const isText = fields.map((f) => f.type !== 'number' && f.type !== 'int')
    const cell = (value: unknown, guarded: boolean) => (guarded && typeof value === 'string' ? guardTextCell(value) : value)
    columns = [...fields.map((f) => f.name), ...extraNames.map(guardTextCell)]
    await writeChunk(out, csvLine(columns))
    const sql = `SELECT ${fields.map((f) => f.column).join(', ')}, extra_json FROM ${def.table} WHERE revision_id = ? ORDER BY ${rowOrderSql(def, conn.kind)}`
    for await (const batch of conn.iterate<StoredCsvRow>(sql, [revisionId])) {
      let text = ''
      for (const row of batch) {
        const extra = row.extra_json ? (JSON.parse(row.extra_json) as Record<string, string>) : {}
        // Own properties only: a column may be named __proto__ or constructor.
        const extraCell = (n: string) => cell(Object.hasOwn(extra, n) ? extra[n] : null, true)
        text += csvLine([...fields.map((f, i) => cell(row[f.column], isText[i])), ...extraNames.map(extraCell)])
      }
      rows += batch.length
      await writeChunk(out, text)
      onRows?.(rows)
    }
  } finally {
    await closeStream(out)
  }
  return { name: def.file, rows, stem: def.stem, columns }
}

export async function writeCalendarFile(conn: SqlConn, revisionId: number, dir: string): Promise<WrittenFile | undefined> {
  const header = await readCalendarHeader(conn, revisionId)
  const periods = await readCalendarPeriods(conn, revisionId)
  if (!periods.length && header?.calendar_type == null && header?.week_unit == null && !header?.calendar_extra_json) return undefined
  const weeks = await readCalendarWeeks(conn, revisionId)
  const byPeriod = new Map<string, unknown[]>()
  for (const w of weeks) {
    const list = byPeriod.get(w.period) ?? []
    list.push({ week_code: w.week_code, sequence: w.sequence, start_date: w.start_date, end_date: w.end_date, weight: w.weight, ...parseExtra(w.extra_json) })
    byPeriod.set(w.period, list)
  }
  const doc = {
    ...(header?.calendar_type != null ? { calendar_type: header.calendar_type } : {}),
    ...(header?.week_unit != null ? { week_unit: header.week_unit } : {}),
    ...parseExtra(header?.calendar_extra_json),
    periods: periods.map((p) => ({
      period: p.period,
      start_date: p.start_date,
      end_date: p.end_date,
      ...parseExtra(p.extra_json),
      weeks: byPeriod.get(p.period) ?? [],
    })),
  }
  await fs.promises.writeFile(path.join(dir, CALENDAR_FILE), `${JSON.stringify(doc, null, 2)}\n`)
  return { name: CALENDAR_FILE, rows: periods.length }
}

export async function writeParamsFile(conn: SqlConn, revisionId: number, dir: string): Promise<WrittenFile | undefined> {
  const rows = await conn.db.selectFrom('planning_param').select(['key', 'value_json']).where('revision_id', '=', revisionId).orderBy('key').execute()
  if (!rows.length) return undefined
  const doc = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json)]))
  await fs.promises.writeFile(path.join(dir, PARAMS_FILE), `${JSON.stringify(doc, null, 2)}\n`)
  return { name: PARAMS_FILE, rows: rows.length }
}
