// MAX_ISSUES_PER_FILE as a stop: once a file has that many errors it is not read further (the
// import fails whatever follows), the report's issues_truncated error names the row where
// checking stopped, and checks that need the whole file do not run on the part that was read.
// Validate-only runs with a cap of 5, on the database TEST_DB selects.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csv, dump, validate } from '../../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { resetEnvCache } from '../../env'
import type { ValidationReport } from '../bundle/report'

await useFreshDatabase()
process.env.MAX_ISSUES_PER_FILE = '5'
resetEnvCache()
const on = `[${dbLabel()}]`

const stoppedAt = (r: ValidationReport, file: string) => r.issues.find((i) => i.code === 'issues_truncated' && i.severity === 'error' && i.file === file)

test(`${on} duplicate keys: the 5th duplicate stops the file; the rows after it are not read`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', ...Array.from({ length: 50_000 }, () => 'F1,2025-01,1')) })
  assert.deepEqual(r.files.demand_family, { rows_read: 6, rows_accepted: 1 }, dump(r))
  assert.deepEqual(
    r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.row]),
    [
      ['duplicate_key', 3],
      ['duplicate_key', 4],
      ['duplicate_key', 5],
      ['duplicate_key', 6],
      ['duplicate_key', 7],
      ['issues_truncated', 7],
    ],
  )
  assert.equal(r.counts.errors, 5)
})

test(`${on} several errors in one row: the row that reaches the cap is the last read, and unlisted errors are counted`, async () => {
  // Each row has two bad cells: rows 2, 3 and 4 make 6 errors; 5 are listed.
  const r = await validate({
    'capacity.csv': csv('workcenter,period,capacity,resource_type', ...Array.from({ length: 100 }, (_, i) => `WC${i},2025-01,x,${'n'.repeat(300)}`)),
  })
  assert.deepEqual(r.files.capacity, { rows_read: 3, rows_accepted: 0 }, dump(r))
  assert.equal(
    stoppedAt(r, 'capacity.csv')?.message,
    'Checking of capacity.csv stopped at row 4 after 6 errors (limit 5 issues per file); the rows after it were not read. 1 of them not listed.',
  )
  assert.equal(r.issues.filter((i) => i.code === 'issues_truncated').length, 1, 'one notice per file, not one per reason')
})

test(`${on} fewer errors than the cap: the file is read to its end and there is no stop notice`, async () => {
  const r = await validate({
    'demand_family.csv': csv(
      'family,period,demand',
      'F1,2025-01,x',
      'F2,2025-01,x',
      'F3,2025-01,x',
      'F4,2025-01,x',
      ...Array.from({ length: 100 }, (_, i) => `G${i},2025-01,1`),
    ),
  })
  assert.deepEqual(r.files.demand_family, { rows_read: 104, rows_accepted: 100 }, dump(r))
  assert.equal(stoppedAt(r, 'demand_family.csv'), undefined)
})

test(`${on} a stopped item.csv is not used to check items elsewhere, nor a stopped mix_share.csv to check share sums`, async () => {
  const bad = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i))
  const r = await validate({
    // Five bad lead times stop item.csv before SKU9 is read; inventory uses SKU9.
    'item.csv': csv('item,lt', ...bad(5, (i) => `SKU${i},x`), 'SKU9,1'),
    'inventory.csv': csv('item,loc,qty', 'SKU9,WH1,1'),
    // Five bad shares stop mix_share.csv before F1's second share is read.
    'mix_share.csv': csv('family,sku,share', 'F1,S1,0.5', ...bad(5, (i) => `F${i + 2},S1,x`), 'F1,S2,0.5'),
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'F9,2025-01,1'),
  })
  assert.ok(stoppedAt(r, 'item.csv') && stoppedAt(r, 'mix_share.csv'), dump(r))
  const codes = r.issues.filter((i) => i.severity === 'warning').map((i) => i.code)
  for (const code of ['item_not_in_item_csv', 'mix_share_sum', 'family_without_mix'])
    assert.ok(!codes.includes(code), `${code} from a file read in part: ${dump(r)}`)
})
