// The section definitions (bundle/sections.ts) name the tables and columns their rows are stored in; the
// compiler checks those names against the generated schema types. This checks the rest on the migrated
// database of TEST_DB: every table and column exists, with the storage type and nullability its field's
// rules need.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { getSql, type SqlConn } from '../../db/sql'
import { CSV_SECTIONS, CSV_STEMS, type FieldType } from '../bundle/sections'

await useFreshDatabase()
const on = `[${dbLabel()}]`

type Column = { type: 'text' | 'real' | 'integer'; nullable: boolean }

async function columnsOf(conn: SqlConn, table: string): Promise<Map<string, Column>> {
  const kinds: Record<string, Column['type']> = { TEXT: 'text', REAL: 'real', INTEGER: 'integer', 'double precision': 'real', text: 'text', integer: 'integer' }
  const rows =
    conn.kind === 'sqlite'
      ? (await conn.all<{ name: string; type: string; notnull: number }>(`PRAGMA table_info(${table})`)).map((r) => ({
          name: r.name,
          type: r.type,
          nullable: r.notnull === 0,
        }))
      : (
          await conn.all<{ column_name: string; data_type: string; is_nullable: string }>(
            'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ?',
            [table],
          )
        ).map((r) => ({ name: r.column_name, type: r.data_type, nullable: r.is_nullable === 'YES' }))
  return new Map(rows.map((r) => [r.name, { type: kinds[r.type] ?? (r.type as Column['type']), nullable: r.nullable }]))
}

const STORED_AS: Record<FieldType, Column['type']> = { string: 'text', number: 'real', int: 'integer', date: 'text', due: 'text', resource_type: 'text' }

test(`${on} every section's table and columns exist with the type and nullability its fields need`, async () => {
  await getSql().withConnection(async (conn) => {
    for (const stem of CSV_STEMS) {
      const def = CSV_SECTIONS[stem]
      const columns = await columnsOf(conn, def.table)
      assert.ok(columns.size > 0, `${stem}: table ${def.table} exists`)
      for (const extra of ['revision_id', 'extra_json']) assert.ok(columns.has(extra), `${def.table}.${extra}`)
      for (const field of def.fields) {
        const column = columns.get(field.column)
        assert.ok(column, `${stem}.${field.name}: column ${def.table}.${field.column} exists`)
        assert.equal(column.type, STORED_AS[field.type], `${def.table}.${field.column} stores a ${field.type}`)
        // A field that is required or has a default always has a value; any other may be empty.
        const alwaysSet = Boolean(field.required) || field.default !== undefined
        assert.equal(column.nullable, !alwaysSet, `${def.table}.${field.column} is ${alwaysSet ? 'NOT NULL' : 'nullable'}`)
      }
      for (const key of def.key)
        assert.ok(
          def.fields.some((f) => f.name === key),
          `${stem}: key field ${key} is a field`,
        )
    }
  })
})
