// The query that pairs the two revisions of a CSV section on its key inside the database
// and returns only the rows that may differ: a LEFT JOIN from the reference rows (removed
// or changed) plus an anti-join from the current rows (added). Unchanged rows never leave
// the database, which is what makes a diff of two large, nearly equal sets cheap.
// A FULL OUTER JOIN would be one branch, but SQLite materialises filtered sides of a
// FULL JOIN and scans them per row, and PostgreSQL only allows hashable conditions in it.
import type { SqlConn } from '../db/sql'
import type { CsvSectionDef, FieldDef } from '../input-sets/sections'

/** One key the section is matched on, and the rows (of either side) it applies to. */
export type KeyPass = { key: string[]; rows: (alias: string) => string }

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

/**
 * Rows whose key is on one side only or whose columns differ, in key order. Parameters:
 * [current, reference, current, reference] revision ids. An absent side has a NULL `p_id`
 * or `c_id` (ids are never NULL).
 */
export function differingRowsSql(def: CsvSectionDef, pass: KeyPass, kind: Kind): string {
  const columns = ['id', ...def.fields.map((f) => f.column), 'extra_json']
  const keys = (alias: string) => pass.key.map((name, i) => `${alias}.${field(def, name).column} AS k${i}`).join(', ')
  const side = (alias: string, prefix: string) => columns.map((c) => `${alias}.${c} AS ${prefix}${c}`).join(', ')
  const none = (prefix: string) => columns.map((c) => `NULL AS ${prefix}${c}`).join(', ')
  return `SELECT * FROM (
    SELECT ${keys('p')}, ${side('p', REFERENCE_PREFIX)}, ${side('c', CURRENT_PREFIX)}
    FROM ${def.table} p LEFT JOIN ${def.table} c
      ON c.revision_id = ? AND ${pass.rows('c')} AND ${keyEquals(def, pass.key, kind)}
    WHERE p.revision_id = ? AND ${pass.rows('p')} AND (c.id IS NULL OR ${anyColumnDiffers(def, pass.key, kind)})
    UNION ALL
    SELECT ${keys('c')}, ${none(REFERENCE_PREFIX)}, ${side('c', CURRENT_PREFIX)}
    FROM ${def.table} c
    WHERE c.revision_id = ? AND ${pass.rows('c')}
      AND NOT EXISTS (SELECT 1 FROM ${def.table} p WHERE p.revision_id = ? AND ${pass.rows('p')} AND ${keyEquals(def, pass.key, kind)})
  ) differing ORDER BY ${keyOrder(def, pass.key, kind)}`
}

/** How many rows of one revision a pass covers; unchanged = this − removed − changed. */
export function passRowCountSql(def: CsvSectionDef, pass: KeyPass): string {
  return `SELECT COUNT(*) AS n FROM ${def.table} r WHERE r.revision_id = ? AND ${pass.rows('r')}`
}
