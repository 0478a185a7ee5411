// Files larger than what an import holds in memory (docs/speed.md, "Import"): past the first
// 50,000 keys and 131,072 row digests, keys and digests go to disk. The results must be those of
// a small file: duplicates named at their rows with both rows, the same content hash whatever
// the row order, and an import that fails on a duplicate stores nothing — on the database
// TEST_DB selects.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { test } from 'node:test'
import { dump, err, errorsOf, memoryBundle, runImport, validate } from '../../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { getSql } from '../../db/sql'
import { canonicalRow, SectionHasher } from '../bundle/hashing'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const HEADER = 'family,period,demand'
const demandRows = (n: number) => Array.from({ length: n }, (_, i) => `F${i + 1},2025-01,${(i % 97) + 1}`)
// Not csv(...rows): that many arguments overflow the stack.
const demandFile = (rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`

test('the section hash of more digests than are held in memory is SHA-256 over all row digests in byte order', async () => {
  const rows = Array.from({ length: 140_000 }, (_, i) => canonicalRow([`F${i}`, '2025-01', i / 4], null))
  const hasher = new SectionHasher()
  for (const r of rows) hasher.addRow(r)
  const digests = rows.map((r) => crypto.createHash('sha256').update(r, 'latin1').digest('binary')).sort()
  const reference = crypto.createHash('sha256')
  for (const d of digests) reference.update(d, 'latin1')
  assert.deepEqual(await hasher.digest(), { rows: 140_000, sha256: reference.digest('hex') })
})

test(`${on} past the keys held in memory, a duplicate is an error at its row naming both rows, whether the first is held or spilled`, async () => {
  const rows = demandRows(60_000)
  // Line = index + 2 (header on line 1). F10 is held in memory, F55000 and F59000 were spilled.
  const r = await validate({ 'demand_family.csv': demandFile([...rows, 'F55000,2025-01,1', 'F10,2025-01,1', 'F59000,2025-01,1']) })
  assert.deepEqual(
    errorsOf(r),
    [
      err('duplicate_key', 'demand_family.csv', 60_002, 'family,period'),
      err('duplicate_key', 'demand_family.csv', 60_003, 'family,period'),
      err('duplicate_key', 'demand_family.csv', 60_004, 'family,period'),
    ],
    dump(r),
  )
  assert.deepEqual(
    r.issues.filter((i) => i.severity === 'error').map((i) => i.message),
    [
      'Duplicate key (family=F55000, period=2025-01): rows 55001 and 60002.',
      'Duplicate key (family=F10, period=2025-01): rows 11 and 60003.',
      'Duplicate key (family=F59000, period=2025-01): rows 59001 and 60004.',
    ],
  )
  assert.deepEqual(r.files.demand_family, { rows_read: 60_003, rows_accepted: 60_000 })
})

test(`${on} spilled keys with text beyond ASCII are told apart byte for byte and reported as written`, async () => {
  const rows = demandRows(60_000)
  // All past the keys held in memory: lines 60,002 to 60,006.
  const late = ['Fé€😀,2025-01,1', 'Fé€😀,2025-02,1', 'Fe€😀,2025-01,1', 'Fé€😀,2025-01,2', 'F12,2025-01,3']
  const r = await validate({ 'demand_family.csv': demandFile([...rows, ...late]) })
  assert.deepEqual(
    r.issues.filter((i) => i.severity === 'error').map((i) => `${i.row} ${i.message}`),
    ['60005 Duplicate key (family=Fé€😀, period=2025-01): rows 60002 and 60005.', '60006 Duplicate key (family=F12, period=2025-01): rows 13 and 60006.'],
    dump(r),
  )
})

test(`${on} an import that fails on a spilled duplicate reports it and stores nothing`, async () => {
  const count = async () => Number((await getSql().withConnection((c) => c.all<{ n: number }>('SELECT count(*) AS n FROM demand_row')))[0].n)
  const before = await count()
  // The unique index refuses the second F51000 before the file is read to its end.
  const r = await runImport(memoryBundle({ 'demand_family.csv': demandFile([...demandRows(51_000), 'F51000,2025-01,2', ...demandRows(60_000).slice(51_000)]) }))
  assert.deepEqual(errorsOf(r), [err('duplicate_key', 'demand_family.csv', 51_002, 'family,period')], dump(r))
  assert.match(r.issues[0].message, /rows 51001 and 51002/)
  assert.equal(r.revision, undefined)
  assert.equal(await count(), before)
})

test(`${on} a file larger than what is held in memory imports with the content hash of its rows in any order`, async () => {
  const rows = demandRows(140_000)
  const forward = await runImport(memoryBundle({ 'demand_family.csv': demandFile(rows) }))
  const reversed = await validate({ 'demand_family.csv': demandFile(rows.reverse()) })
  assert.equal(forward.ok, true, dump(forward))
  assert.deepEqual(forward.files.demand_family, { rows_read: 140_000, rows_accepted: 140_000 })
  assert.equal(reversed.content_hash, forward.content_hash)
})
