// One page of one section of a revision, in key order. The database sorts and pages
// (ORDER BY … LIMIT/OFFSET), so a section of a million rows is never loaded whole.
import { z } from 'zod'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import type { SqlConn } from '../../db/sql'
import { getSql } from '../../db/sql'
import { InvalidError } from '../../errors'
import { MAX_PAGE, MAX_PAGE_SIZE, type Paging } from '../../schema'
import { CSV_SECTIONS, SECTION_STEMS, type CsvSectionDef, type CsvStem, type SectionStem } from '../bundle/sections'
import { parseInputSetRef } from '../labels'
import { rowOrderSql } from '../store/export-files'
import { resolveRevisionOrThrow } from '../store/resolve'
import { countRows, extraColumnNames, parseExtra, type StoredCsvRow } from '../store/section-reads'
import { readCalendarPeriods, readCalendarWeeks } from '../store/calendar-reads'

export type Row = Record<string, unknown>

export const sectionRowsSchema = z
  .object({
    section: z.enum(SECTION_STEMS),
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())),
    page: z.number().int().positive(),
    page_size: z.number().int().positive(),
    total: z.number().int().nonnegative(),
  })
  .meta({ id: 'SectionRows' })
export type SectionRows = z.infer<typeof sectionRowsSchema>

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

// The page query is built from the section's definition (its columns and key order), so it stays
// raw SQL with an explicit row type (docs/adr/0001-typed-query-layer.md).
async function csvSlice(conn: SqlConn, def: CsvSectionDef, revisionId: number, w: Window): Promise<Slice> {
  const extraNames = await extraColumnNames(conn, def.table, revisionId)
  // eslint-disable-next-line no-restricted-syntax -- SQL generated from the section definitions (ADR 0001)
  const rows = await conn.all<StoredCsvRow>(
    `SELECT ${def.fields.map((f) => f.column).join(', ')}, extra_json FROM ${def.table} WHERE revision_id = ?
     ORDER BY ${rowOrderSql(def, conn.kind)} LIMIT ? OFFSET ?`,
    [revisionId, w.limit, w.offset],
  )
  return {
    columns: [...def.fields.map((f) => f.name), ...extraNames],
    rows: rows.map((r) => ({ ...Object.fromEntries(def.fields.map((f) => [f.name, r[f.column] ?? null])), ...parseExtra(r.extra_json) })),
    total: await countRows(conn, def.table, revisionId),
  }
}

async function calendarSlice(conn: SqlConn, revisionId: number, w: Window): Promise<Slice> {
  const periods = await readCalendarPeriods(conn, revisionId, w)
  const names = periods.map((p) => p.period)
  const weeks = names.length ? await readCalendarWeeks(conn, revisionId, names) : []
  const byPeriod = new Map<string, Row[]>()
  for (const { period, extra_json, ...fields } of weeks) {
    const list = byPeriod.get(period) ?? []
    list.push({ ...fields, ...parseExtra(extra_json) })
    byPeriod.set(period, list)
  }
  return {
    columns: ['period', 'start_date', 'end_date', 'weeks'],
    rows: periods.map(({ extra_json, ...p }) => ({ ...p, ...parseExtra(extra_json), weeks: byPeriod.get(p.period) ?? [] })),
    total: await countRows(conn, 'calendar_period', revisionId),
  }
}

async function paramsSlice(conn: SqlConn, revisionId: number, w: Window): Promise<Slice> {
  const rows = await conn.db
    .selectFrom('planning_param')
    .select(['key', 'value_json'])
    .where('revision_id', '=', revisionId)
    .orderBy('key')
    .limit(w.limit)
    .offset(w.offset)
    .execute()
  return {
    columns: ['key', 'value'],
    rows: rows.map((r) => ({ key: r.key, value: JSON.parse(r.value_json) as unknown })),
    total: await countRows(conn, 'planning_param', revisionId),
  }
}
