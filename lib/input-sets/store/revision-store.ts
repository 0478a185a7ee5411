// Writes of a revision's parts, all on the caller's transaction connection: typed statements, bulk
// row inserts (insertMany) and in-database copies of inherited sections.
import type { SqlConn, SqlValue } from '../../db/sql'
import type { Calendar } from '../bundle/calendar'
import type { ParsedRow } from '../bundle/csv-section'
import type { SectionDigest } from '../bundle/hashing'
import type { Params } from '../bundle/params'
import { CSV_SECTIONS, CSV_STEMS, type CsvSectionDef, type SectionStem } from '../bundle/sections'

/** Creates the label on first upload; on PostgreSQL locks its row so revision numbers never collide. */
export async function lockOrCreateInputSet(conn: SqlConn, label: string, configVersionId: number, at: Date) {
  await conn.db
    .insertInto('input_set')
    .values({ label, config_version_id: configVersionId, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('label').doNothing())
    .execute()
  return conn.db
    .selectFrom('input_set')
    .select(['id', 'config_version_id as configVersionId'])
    .where('label', '=', label)
    .$if(conn.kind === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow()
}

export async function nextRevisionNumber(conn: SqlConn, inputSetId: number): Promise<number> {
  const { last } = await conn.db
    .selectFrom('input_set_revision')
    .select((eb) => eb.fn.max<number | null>('number').as('last'))
    .where('input_set_id', '=', inputSetId)
    .executeTakeFirstOrThrow()
  return (last ?? 0) + 1
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
  const { id } = await conn.db
    .insertInto('input_set_revision')
    .values({
      input_set_id: r.inputSetId,
      number: r.number,
      status: 'draft',
      // Set once every section is stored and hashed.
      content_hash: '',
      uploaded_by: r.uploadedBy,
      uploaded_by_id: r.uploadedById,
      uploaded_at: r.at,
      upload_comment: r.uploadComment,
      source_name: r.sourceName,
      description: r.description,
      canonical_sample_name: r.canonicalSampleName,
      meta_json: r.metaJson,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/**
 * SQLite holds the pages a transaction changes in its page cache, 16 MB per connection as
 * better-sqlite3 builds it. An import changes far more pages than that and SQLite writes the
 * surplus to the WAL as it goes, so a 4 MB cache stores rows as fast and keeps 12 MB off the
 * import's peak memory (docs/speed.md, "Import"). Set on the transaction's own connection,
 * which is closed with it.
 */
export async function boundPageCache(conn: SqlConn): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- a connection setting the query builder has no form for (ADR 0001)
  if (conn.kind === 'sqlite') await conn.run('PRAGMA cache_size = -4096')
}

/**
 * Rows per batch for csvRowWriter. SQLite stores a batch synchronously, so its rows only have to
 * outlive the batch: 1,000 rows die young, where 5,000 outlived V8's young-generation collections
 * and piled up as old garbage (tens of MB of peak memory, docs/speed.md "Import"). PostgreSQL
 * stores a batch while the next is read, one COPY each: fewer, larger batches.
 */
export function rowsPerWrite(conn: SqlConn): number {
  return conn.kind === 'sqlite' ? 1000 : 5000
}

/** A batch writer for one CSV section of one revision. */
export function csvRowWriter(conn: SqlConn, def: CsvSectionDef, revisionId: number) {
  const columns = ['revision_id', ...def.fields.map((f) => f.column), 'extra_json']
  const width = columns.length
  // A million rows pass here: a plain loop per row, not a spread (its iterator was a tenth of the import).
  const toRow = (r: ParsedRow): SqlValue[] => {
    const row = new Array<SqlValue>(width)
    row[0] = revisionId
    const values = r.values
    for (let i = 0; i < values.length; i++) row[i + 1] = values[i]
    row[width - 1] = r.extra ? JSON.stringify(r.extra) : null
    return row
  }
  return (rows: ParsedRow[]) => conn.insertMany(def.table, columns, rows.map(toRow))
}

export async function writeCalendar(conn: SqlConn, revisionId: number, cal: Calendar): Promise<void> {
  await conn.db
    .updateTable('input_set_revision')
    .set({ calendar_type: cal.calendar_type, week_unit: cal.week_unit, calendar_extra_json: cal.extra ? JSON.stringify(cal.extra) : null })
    .where('id', '=', revisionId)
    .execute()
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

/**
 * Copies a section's rows from an earlier revision inside the database (no round trip). The
 * statement is built from the section's columns, so it stays raw SQL; it reads no rows.
 */
export async function copySection(conn: SqlConn, stem: SectionStem, fromRevisionId: number, toRevisionId: number): Promise<void> {
  const tables = stem === 'planning_calendar' ? CALENDAR_COPY : COPY_COLUMNS[stem]
  for (const { table, columns } of tables) {
    const list = columns.join(', ')
    // eslint-disable-next-line no-restricted-syntax -- SQL generated from the section definitions (ADR 0001)
    await conn.run(`INSERT INTO ${table} (revision_id, ${list}) SELECT ?, ${list} FROM ${table} WHERE revision_id = ?`, [toRevisionId, fromRevisionId])
  }
  if (stem === 'planning_calendar') {
    const header = await conn.db
      .selectFrom('input_set_revision')
      .select(['calendar_type', 'week_unit', 'calendar_extra_json'])
      .where('id', '=', fromRevisionId)
      .executeTakeFirstOrThrow()
    await conn.db.updateTable('input_set_revision').set(header).where('id', '=', toRevisionId).execute()
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
