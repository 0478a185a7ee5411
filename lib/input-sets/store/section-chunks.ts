// Chunk hashes of a revision's CSV sections (docs/diff.md, "Chunk hashes"). A chunk is every row
// of one value of the section's leading key field (one family of demand, one item of open_po), so
// adding, removing or changing rows touches only their own chunks and never shifts the others. The
// hashes are computed by the database from the stored rows, in the import's transaction: the rows
// arrive in file order, and grouping them here keeps nothing per row in memory.
import type { SqlConn } from '../../db/sql'
import { CSV_SECTIONS, type CsvSectionDef, type CsvStem } from '../bundle/sections'

/** The column whose value names a row's chunk: the first field of the section's key. */
export function chunkColumn(def: CsvSectionDef): string {
  return def.fields.find((f) => f.name === def.key[0])!.column
}

/**
 * One row as text that tells apart any two rows the diff's join would call different: every stored
 * column but the chunk's own, each in an exact form — SQLite's quote() writes a REAL with as many
 * digits as it needs to read back the same number; on PostgreSQL a number is its 8 bytes.
 */
function rowText(def: CsvSectionDef, kind: SqlConn['kind']): { text: string; order: string } {
  const lead = chunkColumn(def)
  const columns = def.fields.filter((f) => f.column !== lead)
  const exact = (column: string, numeric: boolean) =>
    kind === 'sqlite' ? `quote(${column})` : numeric ? `COALESCE(encode(float8send(${column}), 'hex'), 'N')` : `quote_nullable(${column})`
  const parts = [...columns.map((f) => exact(f.column, f.type === 'number')), exact('extra_json', false)]
  return { text: parts.join(` || ',' || `), order: [...columns.map((f) => f.column), 'extra_json'].join(', ') }
}

/** Writes the chunk hashes of one section of a revision whose rows are stored (uploaded or copied). */
export async function writeSectionChunks(conn: SqlConn, stem: CsvStem, revisionId: number): Promise<void> {
  const def = CSV_SECTIONS[stem]
  const lead = chunkColumn(def)
  const { text, order } = rowText(def, conn.kind)
  // The rows of a chunk are hashed in one order whatever order they were stored in.
  const hash =
    conn.kind === 'sqlite'
      ? `sha256_hex(group_concat(${text}, char(10) ORDER BY ${order}))`
      : `encode(sha256(convert_to(string_agg(${text}, E'\\n' ORDER BY ${order}), 'UTF8')), 'hex')`
  // eslint-disable-next-line no-restricted-syntax -- SQL generated from the section definitions (ADR 0001)
  await conn.run(
    `INSERT INTO section_chunk (revision_id, section, lead_key, rows, sha256)
     SELECT revision_id, '${stem}', ${lead}, COUNT(*), ${hash}
     FROM ${def.table} WHERE revision_id = ? GROUP BY revision_id, ${lead}`,
    [revisionId],
  )
}
