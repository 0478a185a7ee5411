// One page of one section of a revision, in key order. The database sorts and pages
// (ORDER BY … LIMIT/OFFSET), so a section of a million rows is never loaded whole.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import type { SqlConn } from '../db/sql'
import { getSql } from '../db/sql'
import { InvalidError } from '../errors'
import { MAX_PAGE, MAX_PAGE_SIZE, type Paging } from '../schema'
import { rowOrderSql } from './export-files'
import { parseInputSetRef } from './labels'
import { resolveRevisionOrThrow } from './resolve'
import { CSV_SECTIONS, SECTION_STEMS, type CsvSectionDef, type CsvStem, type SectionStem } from './sections'

export type Row = Record<string, unknown>
export type SectionRows = { section: SectionStem; columns: string[]; rows: Row[]; page: number; page_size: number; total: number }

type Slice = { columns: string[]; rows: Row[]; total: number }

export async function listSectionRows(access: ReadAccess, refText: string, section: string, paging: Paging): Promise<SectionRows> {
  requireReadAccess(access)
  const ref = parseInputSetRef(refText)
  if (!(SECTION_STEMS as readonly string[]).includes(section)) {
    throw new InvalidError(`Unknown section '${section}'; use one of ${SECTION_STEMS.join(', ')}.`, { field: 'section' })
  }
  const { page, pageSize } = paging
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new InvalidError(`page must be a whole number from 1 to ${MAX_PAGE}.`, { field: 'page' })
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InvalidError(`page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, { field: 'page_size' })
  }
  const stem = section as SectionStem
  const window = { limit: pageSize, offset: (page - 1) * pageSize }
  const slice = await getSql().withConnection(async (conn) => {
    const { revisionId } = await resolveRevisionOrThrow(conn, ref)
    if (stem === 'planning_calendar') return calendarSlice(conn, revisionId, window)
    if (stem === 'planning_params') return paramsSlice(conn, revisionId, window)
    return csvSlice(conn, CSV_SECTIONS[stem as CsvStem], revisionId, window)
  })
  return { section: stem, ...slice, page, page_size: pageSize }
}

type Window = { limit: number; offset: number }

async function total(conn: SqlConn, table: string, revisionId: number): Promise<number> {
  const row = await conn.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE revision_id = ?`, [revisionId])
  return Number(row?.n ?? 0)
}

function parseExtra(json: unknown): Row {
  return typeof json === 'string' ? (JSON.parse(json) as Row) : {}
}

async function csvSlice(conn: SqlConn, def: CsvSectionDef, revisionId: number, w: Window): Promise<Slice> {
  // Unknown columns come from the file's header, so one row shows the names of all of them.
  const sample = await conn.get<{ extra_json: string }>(`SELECT extra_json FROM ${def.table} WHERE revision_id = ? AND extra_json IS NOT NULL LIMIT 1`, [revisionId])
  const extraNames = sample ? Object.keys(JSON.parse(sample.extra_json)).sort() : []
  const rows = await conn.all<Row>(
    `SELECT ${def.fields.map((f) => f.column).join(', ')}, extra_json FROM ${def.table} WHERE revision_id = ?
     ORDER BY ${rowOrderSql(def, conn.kind)} LIMIT ? OFFSET ?`,
    [revisionId, w.limit, w.offset],
  )
  return {
    columns: [...def.fields.map((f) => f.name), ...extraNames],
    rows: rows.map((r) => ({ ...Object.fromEntries(def.fields.map((f) => [f.name, r[f.column] ?? null])), ...parseExtra(r.extra_json) })),
    total: await total(conn, def.table, revisionId),
  }
}

async function calendarSlice(conn: SqlConn, revisionId: number, w: Window): Promise<Slice> {
  const periods = await conn.all<Row>(
    `SELECT period, start_date, end_date, extra_json FROM calendar_period WHERE revision_id = ? ORDER BY start_date, period LIMIT ? OFFSET ?`,
    [revisionId, w.limit, w.offset],
  )
  const names = periods.map((p) => String(p.period))
  const weeks = names.length
    ? await conn.all<Row>(
        `SELECT period, week_code, sequence, start_date, end_date, weight, extra_json FROM calendar_week
         WHERE revision_id = ? AND period IN (${names.map(() => '?').join(', ')}) ORDER BY period, sequence, week_code`,
        [revisionId, ...names],
      )
    : []
  const byPeriod = new Map<string, Row[]>()
  for (const wk of weeks) {
    const { period, extra_json, ...fields } = wk
    const list = byPeriod.get(String(period)) ?? []
    list.push({ ...fields, sequence: Number(fields.sequence), weight: Number(fields.weight), ...parseExtra(extra_json) })
    byPeriod.set(String(period), list)
  }
  return {
    columns: ['period', 'start_date', 'end_date', 'weeks'],
    rows: periods.map(({ extra_json, ...p }) => ({ ...p, ...parseExtra(extra_json), weeks: byPeriod.get(String(p.period)) ?? [] })),
    total: await total(conn, 'calendar_period', revisionId),
  }
}

async function paramsSlice(conn: SqlConn, revisionId: number, w: Window): Promise<Slice> {
  const rows = await conn.all<{ key: string; value_json: string }>(
    `SELECT key, value_json FROM planning_param WHERE revision_id = ? ORDER BY key LIMIT ? OFFSET ?`,
    [revisionId, w.limit, w.offset],
  )
  return {
    columns: ['key', 'value'],
    rows: rows.map((r) => ({ key: r.key, value: JSON.parse(r.value_json) as unknown })),
    total: await total(conn, 'planning_param', revisionId),
  }
}
