// The row caps and the error cap through import_planning_inputs, with small limits in its
// environment: a file over MAX_ROWS_PER_FILE or an upload over MAX_ROWS_PER_UPLOAD exits 2 with
// one `error:` line naming the file, the row and the cap; a file with MAX_ISSUES_PER_FILE errors
// is not read further and the report says where checking stopped. Nothing is written.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { csv, ensureConfigVersion, tableCounts, tempDir, writeFiles } from '../test/helpers/bundles'
import { cli } from '../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../test/helpers/database'
import type { ValidationReport } from '../lib/input-sets/bundle/report'

const LIMITS = { MAX_ROWS_PER_FILE: '10', MAX_ROWS_PER_UPLOAD: '15', MAX_ISSUES_PER_FILE: '5' }

await useFreshDatabase()
await ensureConfigVersion(1)
const on = `[${dbLabel()}]`
const scratch = tempDir('row-limits-')
const reportPath = path.join(scratch, 'report.json')

const demandRows = (n: number, demand = (i: number) => String(i)) =>
  csv('family,period,demand', ...Array.from({ length: n }, (_, i) => `F${i},2025-01,${demand(i)}`))
const capacityRows = (n: number) => csv('workcenter,period,capacity', ...Array.from({ length: n }, (_, i) => `WC${i},2025-01,${i}`))

let bundles = 0
function importBundle(files: Record<string, string>, ...extra: string[]) {
  const dir = writeFiles(path.join(scratch, `bundle-${++bundles}`), files)
  return cli('import_planning_inputs', ['-i', dir, '--version-id', '1', '--label', `limits-${bundles}`, '--report-path', reportPath, ...extra], LIMITS)
}

test(`${on} a file over MAX_ROWS_PER_FILE exits 2 naming the file, the row and the cap; nothing is written`, async () => {
  for (const extra of [[], ['--validate-only']]) {
    const before = await tableCounts()
    const r = importBundle({ 'demand_family.csv': demandRows(1000) }, ...extra)
    assert.equal(r.code, 2, r.stderr)
    assert.equal(r.stderr, 'error: demand_family.csv has more than 10 rows (MAX_ROWS_PER_FILE): reading stopped at row 12; nothing was imported.\n')
    assert.deepEqual(await tableCounts(), before, 'nothing written')
  }
})

test(`${on} an upload over MAX_ROWS_PER_UPLOAD across two files exits 2 naming the file and row where it passed the cap`, async () => {
  const before = await tableCounts()
  const r = importBundle({ 'demand_family.csv': demandRows(8), 'capacity.csv': capacityRows(8) })
  assert.equal(r.code, 2, r.stderr)
  assert.equal(
    r.stderr,
    'error: The upload has more than 15 rows in all its files together (MAX_ROWS_PER_UPLOAD): reading stopped at capacity.csv row 9; nothing was imported.\n',
  )
  assert.deepEqual(await tableCounts(), before, 'nothing written')
})

test(`${on} a file with MAX_ISSUES_PER_FILE errors is not read further; the report says checking stopped at row 6`, async () => {
  const before = await tableCounts()
  const r = importBundle({ 'demand_family.csv': demandRows(1000, () => 'x') }, '--json')
  assert.equal(r.code, 2, r.stderr)
  const report = JSON.parse(r.stdout) as ValidationReport
  assert.deepEqual(report.files.demand_family, { rows_read: 5, rows_accepted: 0 })
  const stopped = report.issues.find((i) => i.code === 'issues_truncated')
  assert.deepEqual(stopped && [stopped.severity, stopped.file, stopped.row, stopped.message], [
    'error',
    'demand_family.csv',
    6,
    'Checking of demand_family.csv stopped at row 6 after 5 errors (limit 5 issues per file); the rows after it were not read.',
  ])
  assert.deepEqual(await tableCounts(), before, 'nothing written')
})
