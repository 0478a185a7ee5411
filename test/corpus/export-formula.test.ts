// Exported CSVs neutralise formula injection without losing data (csv-format.ts): a text cell
// that a spreadsheet would run as a formula is written with one extra leading apostrophe,
// import removes exactly one, so export → import keeps the content hash; numbers are untouched.
// Unknown columns survive whatever their name.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { getSql } from '../../lib/db/sql'
import { guardTextCell, unguardTextCell } from '../../lib/input-sets/bundle/csv-format'
import { exportInputSet } from '../../lib/input-sets/verbs/export'
import { alice, csv, dump, tempDir, writeFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { importDir } from '../helpers/input-sets'

await useFreshDatabase()
const on = `[${dbLabel()}]`

test(`${on} the guard prefixes = + - @ tab CR and apostrophe text, leaves numbers and plain text, and one unguard undoes it`, () => {
  const cases: [string, string][] = [
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+cmd', `'+cmd`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ["'abc", "''abc"],
    ["'", "''"],
    ['-5', '-5'],
    ['+1.5e3', '+1.5e3'],
    ['abc', 'abc'],
    ['a=b', 'a=b'],
  ]
  for (const [value, exported] of cases) {
    assert.equal(guardTextCell(value), exported, JSON.stringify(value))
    assert.equal(unguardTextCell(guardTextCell(value)), value, JSON.stringify(value))
  }
})

test(`${on} formula cells export neutralised, re-import to the identical hash; numeric negatives are unchanged`, async () => {
  const dir = writeFiles(tempDir('formula-'), {
    'demand_family.csv': csv(
      'family,period,demand,note',
      '"=HYPERLINK(""http://x"",""y"")",2025-01,1,+cmd',
      '+cmd,2025-01,2,-5',
      "''quoted,2025-01,3,\"'\t=1\"",
      '-7,2025-01,4,@SUM(A1)',
    ),
    'period_cost.csv': csv('period,cost', '2025-01,-20', '-2+3,-0.5'),
    'open_po.csv': csv('item,due,qty,po_id', 'SKU1,2025-01-10,1,=1+1'),
  })
  const original = await importDir(dir, 'formula')
  assert.equal(original.report.ok, true, dump(original.report))
  const stored = await getSql().withConnection((c) => c.all<{ family: string }>('SELECT family FROM demand_row ORDER BY family'))
  assert.deepEqual(
    stored.map((r) => r.family).sort(),
    ['+cmd', '-7', '=HYPERLINK("http://x","y")', "'quoted"].sort(),
    'stored as the planner wrote them, minus one apostrophe',
  )

  const exported = await exportInputSet({ ref: 'formula', outDir: tempDir('formula-export-'), actor: alice, zip: true })
  const read = (file: string) => fs.readFileSync(path.join(exported.dir, file), 'utf8')
  assert.equal(
    read('demand_family.csv'),
    // Rows in byte order of the stored family: ' + - =
    csv(
      'family,period,demand,note',
      "''quoted,2025-01,3,'\t=1",
      `'+cmd,2025-01,2,-5`,
      "-7,2025-01,4,'@SUM(A1)",
      `"'=HYPERLINK(""http://x"",""y"")",2025-01,1,'+cmd`,
    ),
  )
  assert.equal(read('period_cost.csv'), csv('period,cost', "'-2+3,-0.5", '2025-01,-20'))
  assert.equal(read('open_po.csv'), csv('item,due,qty,po_id', "SKU1,2025-01-10,1,'=1+1"))

  const fromFolder = await importDir(exported.dir, 'formula-again')
  const fromZip = await importDir(exported.zip!, 'formula-zip')
  assert.equal(fromFolder.report.content_hash, original.report.content_hash)
  assert.equal(fromZip.report.content_hash, original.report.content_hash)
})

test(`${on} an unknown column named __proto__ is stored, exported and re-imported like any other`, async () => {
  const dir = writeFiles(tempDir('proto-'), { 'demand_family.csv': csv('family,period,demand,__proto__', 'F1,2025-01,1,x', 'F2,2025-01,2,y') })
  const original = await importDir(dir, 'proto')
  assert.equal(original.report.ok, true, dump(original.report))
  const exported = await exportInputSet({ ref: 'proto', outDir: tempDir('proto-export-'), actor: alice })
  assert.equal(fs.readFileSync(path.join(exported.dir, 'demand_family.csv'), 'utf8'), csv('family,period,demand,__proto__', 'F1,2025-01,1,x', 'F2,2025-01,2,y'))
  const again = await importDir(exported.dir, 'proto-again')
  assert.equal(again.report.content_hash, original.report.content_hash)
})
