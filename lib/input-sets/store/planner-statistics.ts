// PostgreSQL chooses how to join from its table statistics, which autovacuum refreshes only some
// time after a large write. Until then a diff, plan or impact job over a set just imported can be
// planned for the tables as they were (a nested loop over a million rows; docs/speed.md). After
// an import that stored many rows, ANALYZE of the tables it wrote makes the statistics current at
// once. ANALYZE reads a fixed-size sample, so it costs well under a second whatever the size.
// SQLite needs nothing here: its planner goes by the indexes.
import { getSql } from '../../db/sql'
import { logError } from '../../log'
import type { FileCounts } from '../bundle/report'
import { CSV_SECTIONS, CSV_STEMS, type CsvTable } from '../bundle/sections'

/** Rows one section must have stored before its table is analysed; below this the old statistics are near enough. */
export const ANALYZE_MIN_ROWS = 10_000

/** The section tables an import's counts call for analysing, and the chunk table beside them. */
export function tablesToAnalyse(files: Partial<Record<string, FileCounts>>): (CsvTable | 'section_chunk')[] {
  const tables = CSV_STEMS.filter((stem) => (files[stem]?.rows_accepted ?? 0) >= ANALYZE_MIN_ROWS).map((stem) => CSV_SECTIONS[stem].table)
  return tables.length ? [...tables, 'section_chunk'] : []
}

/** After the import committed; a failure is logged and does not undo or fail the import. */
export async function refreshPlannerStatistics(files: Partial<Record<string, FileCounts>>): Promise<void> {
  const sql = getSql()
  const tables = tablesToAnalyse(files)
  if (sql.kind !== 'postgres' || tables.length === 0) return
  try {
    // eslint-disable-next-line no-restricted-syntax -- a maintenance statement the query builder has no form for, on tables named by the section definitions (ADR 0001)
    await sql.withConnection((conn) => conn.run(`ANALYZE ${tables.join(', ')}`))
  } catch (err) {
    logError('planner_statistics_failed', { tables: tables.join(','), error: err instanceof Error ? err.message : String(err) })
  }
}
