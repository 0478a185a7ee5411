// After an import that stored many rows, PostgreSQL's statistics of the tables it wrote are
// current at once (ANALYZE), so the next diff, plan or impact job is planned for the data as it
// is; small imports and SQLite do nothing.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csv, dump, memoryBundle, runImport, validFiles } from '../../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { getSql } from '../../db/sql'
import { ANALYZE_MIN_ROWS, tablesToAnalyse } from './planner-statistics'

await useFreshDatabase()
const on = `[${dbLabel()}]`

test('only the tables of sections that stored at least ANALYZE_MIN_ROWS rows are analysed, with the chunk table', () => {
  assert.deepEqual(tablesToAnalyse({ demand_family: { rows_read: 3, rows_accepted: 3 } }), [])
  assert.deepEqual(
    tablesToAnalyse({ demand_family: { rows_read: ANALYZE_MIN_ROWS, rows_accepted: ANALYZE_MIN_ROWS }, capacity: { rows_read: 2, rows_accepted: 2 } }),
    ['demand_row', 'section_chunk'],
  )
})

/** When PostgreSQL last analysed `table` by an explicit ANALYZE (null: never). */
async function lastAnalyze(table: string): Promise<Date | null> {
  const row = await getSql().withConnection((c) => c.get<{ at: Date | null }>('SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = ?', [table]))
  return row?.at ?? null
}

test(
  `${on} a large import leaves its tables analysed on PostgreSQL; a small one leaves them alone`,
  { skip: getSql().kind !== 'postgres' && 'PostgreSQL only: SQLite plans by its indexes' },
  async () => {
    const small = await runImport(memoryBundle(validFiles()))
    assert.ok(small.ok, dump(small))
    assert.equal(await lastAnalyze('demand_row'), null, 'a few rows do not call for ANALYZE')

    const families = Array.from({ length: ANALYZE_MIN_ROWS }, (_, i) => `F${i},2025-01,${i % 97}`)
    const before = new Date()
    const large = await runImport(memoryBundle({ ...validFiles(), 'demand_family.csv': csv('family,period,demand', ...families) }))
    assert.ok(large.ok, dump(large))
    const analysed = await lastAnalyze('demand_row')
    assert.ok(analysed && analysed.getTime() >= before.getTime() - 1000, `demand_row analysed after the import, got ${analysed?.toISOString()}`)
    assert.notEqual(await lastAnalyze('section_chunk'), null)
    assert.equal(await lastAnalyze('capacity_row'), null, 'a table with two new rows is not analysed')
  },
)
