// Reads of a revision's stored section rows that the paged reads (queries/rows.ts) and the export
// (export-files.ts) share.
import { ONE_ROW } from '../../db/query'
import type { SqlConn } from '../../db/sql'
import type { CsvTable } from '../bundle/sections'

/**
 * A stored CSV row read by column name: the section's columns (which depend on the section, so the
 * query is built from its definition and read untyped), then the JSON of the file's extra columns.
 */
export type StoredCsvRow = Record<string, string | number | null> & { extra_json: string | null }

/** How many rows of `table` belong to the revision. */
export async function countRows(conn: SqlConn, table: CsvTable | 'calendar_period' | 'planning_param', revisionId: number): Promise<number> {
  const { n } = await conn.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revision_id', '=', revisionId)
    .executeTakeFirstOrThrow()
  return n
}

/** The names of a section's extra columns, sorted. They come from the file's header, so one row carries all of them. */
export async function extraColumnNames(conn: SqlConn, table: CsvTable, revisionId: number): Promise<string[]> {
  const sample = await conn.db
    .selectFrom(table)
    .select('extra_json')
    .where('revision_id', '=', revisionId)
    .where('extra_json', 'is not', null)
    .limit(ONE_ROW)
    .executeTakeFirst()
  return sample?.extra_json ? Object.keys(JSON.parse(sample.extra_json) as Record<string, unknown>).sort() : []
}

/** A stored extra_json cell as an object; none as an empty one. */
export function parseExtra(json: string | null | undefined): Record<string, unknown> {
  return typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : {}
}
