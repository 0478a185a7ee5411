// The query that pairs the two revisions of a CSV section on its key inside the database
// and returns only the rows that may differ. Unchanged rows never leave the database, which
// is what makes a diff of two large, nearly equal sets cheap. Each database gets the shape
// it runs fastest:
//  - PostgreSQL: one FULL OUTER JOIN of the two revisions (a single hash join; its condition
//    must be hashable, hence no IS NOT DISTINCT FROM);
//  - SQLite: a LEFT JOIN from the reference rows (removed or changed) plus an anti-join from
//    the current rows (added), both index lookups. SQLite would materialise the filtered
//    sides of a FULL JOIN and scan them once per row.
import type { SqlConn } from '../db/sql'
import type { CsvSectionDef, FieldDef } from '../input-sets/bundle/sections'

/**
 * One key the section is matched on, and the rows (of either side) it applies to.
 * `indexed`: whether an index leads with revision_id and this key.
 */
export type KeyPass = { key: string[]; rows: (alias: string) => string; indexed: boolean }

/** Row columns of each side come back prefixed, so both sides fit in one result row. */
export const REFERENCE_PREFIX = 'p_'
export const CURRENT_PREFIX = 'c_'

type Kind = SqlConn['kind']

function field(def: CsvSectionDef, name: string): FieldDef {
  return def.fields.find((f) => f.name === name)!
}

/** Key equality that also pairs NULL with NULL, in a form each database can hash or index. */
function keyEquals(def: CsvSectionDef, key: string[], kind: Kind): string {
  return key
    .map((name) => {
      const f = field(def, name)
      if (f.required) return `p.${f.column} = c.${f.column}`
      // PostgreSQL cannot hash or index IS NOT DISTINCT FROM; SQLite uses an index for IS.
      return kind === 'postgres'
        ? `(p.${f.column} IS NULL) = (c.${f.column} IS NULL) AND COALESCE(p.${f.column}, '') = COALESCE(c.${f.column}, '')`
        : `p.${f.column} IS c.${f.column}`
    })
    .join(' AND ')
}

/**
 * True when any stored column differs, NULL-safe. A superset of what the diff calls a change
 * (e.g. '{}' vs NULL extra_json, or reordered JSON keys): the caller compares the values.
 */
function anyColumnDiffers(def: CsvSectionDef, key: string[], kind: Kind): string {
  const distinct = kind === 'postgres' ? 'IS DISTINCT FROM' : 'IS NOT'
  const columns = def.fields.filter((f) => !key.includes(f.name)).map((f) => f.column)
  return [...columns, 'extra_json'].map((c) => `p.${c} ${distinct} c.${c}`).join(' OR ')
}

/** Same rules as export's rowOrderSql: NULL first, text byte-wise on both databases. */
function keyOrder(def: CsvSectionDef, key: string[], kind: Kind): string {
  return key
    .flatMap((name, i) => {
      const value = kind === 'postgres' ? `k${i} COLLATE "C"` : `k${i}`
      return field(def, name).required ? [value] : [`(k${i} IS NOT NULL)`, value]
    })
    .join(', ')
}

type Ids = { previous: number; current: number }

/**
 * One result row of the join: the key values (k0, k1, …) and every stored column of each side
 * under its prefix. Its columns follow from the section definition, so it is not a schema type.
 */
export type JoinedRow = Record<string, string | number | null>

const COLUMNS = (def: CsvSectionDef) => ['id', ...def.fields.map((f) => f.column), 'extra_json']
const sideColumns = (def: CsvSectionDef, alias: string, prefix: string) =>
  COLUMNS(def)
    .map((c) => `${alias}.${c} AS ${prefix}${c}`)
    .join(', ')

/**
 * Only the rows whose `column` holds one of `keys` (the leading key values of the chunks that
 * differ, lib/diff/chunks.ts): an index lookup per value on both databases.
 */
export type ChunkFilter = { column: string; keys: string[] }

/**
 * Rows whose key is on one side only or whose columns differ, in key order, streamed in chunks.
 * An absent side has a NULL `p_id` or `c_id` (ids are never NULL).
 */
export function streamDifferingRows(conn: SqlConn, def: CsvSectionDef, pass: KeyPass, ids: Ids, chunk: number, only?: ChunkFilter): AsyncIterable<JoinedRow[]> {
  const query = differingRows(def, pass, conn.kind, ids, only)
  return conn.iterate<JoinedRow>(query.sql, query.params, chunk)
}

function differingRows(def: CsvSectionDef, pass: KeyPass, kind: Kind, ids: Ids, only?: ChunkFilter): { sql: string; params: (number | string)[] } {
  const rows = revisionRows(def, pass, kind, only)
  const side = (id: number) => (only ? [id, JSON.stringify(only.keys)] : [id])
  return kind === 'postgres'
    ? { sql: fullJoinSql(def, pass, rows), params: [...side(ids.previous), ...side(ids.current)] }
    : { sql: leftJoinAndAntiJoinSql(def, pass, rows), params: [...side(ids.current), ...side(ids.previous)] }
}

/** One revision's rows of the pass (parameters: the revision id, then the keys as a JSON array if filtered). */
function revisionRows(def: CsvSectionDef, pass: KeyPass, kind: Kind, only?: ChunkFilter): string {
  const all = `SELECT * FROM ${def.table} r WHERE r.revision_id = ? AND ${pass.rows('r')}`
  if (!only) return all
  const inKeys =
    kind === 'postgres' ? `r.${only.column} = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))` : `r.${only.column} IN (SELECT value FROM json_each(?))`
  return `${all} AND ${inKeys}`
}

function fullJoinSql(def: CsvSectionDef, pass: KeyPass, revision: string): string {
  const keys = pass.key.map((name, i) => `COALESCE(p.${field(def, name).column}, c.${field(def, name).column}) AS k${i}`).join(', ')
  return `SELECT * FROM (
    SELECT ${keys}, ${sideColumns(def, 'p', REFERENCE_PREFIX)}, ${sideColumns(def, 'c', CURRENT_PREFIX)}
    FROM (${revision}) p FULL JOIN (${revision}) c ON ${keyEquals(def, pass.key, 'postgres')}
    WHERE p.id IS NULL OR c.id IS NULL OR ${anyColumnDiffers(def, pass.key, 'postgres')}
  ) differing ORDER BY ${keyOrder(def, pass.key, 'postgres')}`
}

function leftJoinAndAntiJoinSql(def: CsvSectionDef, pass: KeyPass, revision: string): string {
  const keys = (alias: string) => pass.key.map((name, i) => `${alias}.${field(def, name).column} AS k${i}`).join(', ')
  const none = COLUMNS(def)
    .map((c) => `NULL AS ${REFERENCE_PREFIX}${c}`)
    .join(', ')
  const equal = keyEquals(def, pass.key, 'sqlite')
  const joined = `
    SELECT ${keys('p')}, ${sideColumns(def, 'p', REFERENCE_PREFIX)}, ${sideColumns(def, 'c', CURRENT_PREFIX)}
    FROM reference_rows p LEFT JOIN current_rows c ON ${equal}
    WHERE c.id IS NULL OR ${anyColumnDiffers(def, pass.key, 'sqlite')}
    UNION ALL
    SELECT ${keys('c')}, ${none}, ${sideColumns(def, 'c', CURRENT_PREFIX)}
    FROM current_rows c WHERE NOT EXISTS (SELECT 1 FROM reference_rows p WHERE ${equal})`
  // With an index on the key, each side stays a view of the table and every match is an index
  // lookup. Without one (open_po by po_id) the only index narrows to the revision, and each
  // lookup would scan it; materialised, SQLite indexes a side on the fly for the join instead.
  const materialized = pass.indexed ? '' : 'MATERIALIZED'
  return `WITH
    current_rows AS ${materialized} (${revision}),
    reference_rows AS ${materialized} (${revision})
  SELECT * FROM (${joined}
  ) differing ORDER BY ${keyOrder(def, pass.key, 'sqlite')}`
}
