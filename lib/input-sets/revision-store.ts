// Raw-SQL writes of a revision's parts, all on the caller's transaction connection.
import type { SqlConn, SqlValue } from '../db/sql'
import type { Calendar } from './calendar'
import type { ParsedRow } from './csv-section'
import type { SectionDigest } from './hashing'
import type { Params } from './params'
import { CSV_SECTIONS, CSV_STEMS, type CsvSectionDef, type SectionStem } from './sections'

/** Creates the label on first upload; on PostgreSQL locks its row so revision numbers never collide. */
export async function lockOrCreateInputSet(conn: SqlConn, label: string, configVersionId: number, at: Date) {
  await conn.run(
    `INSERT INTO input_set (label, config_version_id, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (label) DO NOTHING`,
    [label, configVersionId, at, at],
  )
  const lock = conn.kind === 'postgres' ? ' FOR UPDATE' : ''
  const row = await conn.get<{ id: number; config_version_id: number }>(
    `SELECT id, config_version_id FROM input_set WHERE label = ?${lock}`,
    [label],
  )
  return { id: Number(row!.id), configVersionId: Number(row!.config_version_id) }
}

export async function nextRevisionNumber(conn: SqlConn, inputSetId: number): Promise<number> {
  const row = await conn.get<{ n: number | null }>(`SELECT MAX(number) AS n FROM input_set_revision WHERE input_set_id = ?`, [inputSetId])
  return Number(row?.n ?? 0) + 1
}

export type NewRevision = {
  inputSetId: number
  number: number
  uploadedBy: string
  uploadedById: string
  uploadComment: string | null
  sourceName: string
  description: string | null
  canonicalSampleName: string | null
  metaJson: string | null
  at: Date
}

export async function insertDraftRevision(conn: SqlConn, r: NewRevision): Promise<number> {
  const row = await conn.get<{ id: number }>(
    `INSERT INTO input_set_revision (input_set_id, number, status, content_hash, uploaded_by, uploaded_by_id, uploaded_at,
       upload_comment, source_name, description, canonical_sample_name, meta_json)
     VALUES (?, ?, 'draft', '', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [r.inputSetId, r.number, r.uploadedBy, r.uploadedById, r.at, r.uploadComment, r.sourceName, r.description, r.canonicalSampleName, r.metaJson],
  )
  return Number(row!.id)
}

/** A batch writer for one CSV section of one revision. */
export function csvRowWriter(conn: SqlConn, def: CsvSectionDef, revisionId: number) {
  const columns = ['revision_id', ...def.fields.map((f) => f.column), 'extra_json']
  return (rows: ParsedRow[]) =>
    conn.insertMany(
      def.table,
      columns,
      rows.map((r) => [revisionId, ...r.values, r.extra ? JSON.stringify(r.extra) : null] as SqlValue[]),
    )
}

export async function writeCalendar(conn: SqlConn, revisionId: number, cal: Calendar): Promise<void> {
  await conn.run(`UPDATE input_set_revision SET calendar_type = ?, week_unit = ?, calendar_extra_json = ? WHERE id = ?`, [
    cal.calendar_type,
    cal.week_unit,
    cal.extra ? JSON.stringify(cal.extra) : null,
    revisionId,
  ])
  const json = (v: unknown) => (v ? JSON.stringify(v) : null)
  await conn.insertMany(
    'calendar_period',
    ['revision_id', 'period', 'start_date', 'end_date', 'extra_json'],
    cal.periods.map((p) => [revisionId, p.period, p.start_date, p.end_date, json(p.extra)]),
  )
  await conn.insertMany(
    'calendar_week',
    ['revision_id', 'period', 'week_code', 'sequence', 'start_date', 'end_date', 'weight', 'extra_json'],
    cal.periods.flatMap((p) => p.weeks.map((w) => [revisionId, p.period, w.week_code, w.sequence, w.start_date, w.end_date, w.weight, json(w.extra)])),
  )
}

export async function writeParams(conn: SqlConn, revisionId: number, params: Params): Promise<void> {
  await conn.insertMany(
    'planning_param',
    ['revision_id', 'key', 'value_json'],
    Object.entries(params).map(([k, v]) => [revisionId, k, JSON.stringify(v)]),
  )
}

const COPY_COLUMNS: Record<Exclude<SectionStem, 'planning_calendar'>, { table: string; columns: string[] }[]> = {
  ...(Object.fromEntries(
    CSV_STEMS.map((stem) => [stem, [{ table: CSV_SECTIONS[stem].table, columns: [...CSV_SECTIONS[stem].fields.map((f) => f.column), 'extra_json'] }]]),
  ) as Record<(typeof CSV_STEMS)[number], { table: string; columns: string[] }[]>),
  planning_params: [{ table: 'planning_param', columns: ['key', 'value_json'] }],
}

const CALENDAR_COPY = [
  { table: 'calendar_period', columns: ['period', 'start_date', 'end_date', 'extra_json'] },
  { table: 'calendar_week', columns: ['period', 'week_code', 'sequence', 'start_date', 'end_date', 'weight', 'extra_json'] },
]

/** Copies a section's rows from an earlier revision inside the database (no round trip). */
export async function copySection(conn: SqlConn, stem: SectionStem, fromRevisionId: number, toRevisionId: number): Promise<void> {
  const tables = stem === 'planning_calendar' ? CALENDAR_COPY : COPY_COLUMNS[stem]
  for (const { table, columns } of tables) {
    const list = columns.join(', ')
    await conn.run(`INSERT INTO ${table} (revision_id, ${list}) SELECT ?, ${list} FROM ${table} WHERE revision_id = ?`, [
      toRevisionId,
      fromRevisionId,
    ])
  }
  if (stem === 'planning_calendar') {
    await conn.run(
      `UPDATE input_set_revision SET (calendar_type, week_unit, calendar_extra_json) =
         (SELECT calendar_type, week_unit, calendar_extra_json FROM input_set_revision WHERE id = ?) WHERE id = ?`,
      [fromRevisionId, toRevisionId],
    )
  }
}

export async function writeSectionDigests(
  conn: SqlConn,
  revisionId: number,
  digests: Partial<Record<SectionStem, SectionDigest & { inheritedFrom?: number }>>,
): Promise<void> {
  await conn.insertMany(
    'revision_section',
    ['revision_id', 'section', 'rows', 'sha256', 'inherited_from'],
    Object.entries(digests).map(([section, d]) => [revisionId, section, d!.rows, d!.sha256, d!.inheritedFrom ?? null]),
  )
}
