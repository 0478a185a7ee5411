// Row caps and the error cap over REST, on a server started with small limits: a file over
// MAX_ROWS_PER_FILE and an upload over MAX_ROWS_PER_UPLOAD are refused with 413 too_many_rows
// naming the file, the row and the cap; a file with MAX_ISSUES_PER_FILE errors is not read
// further and the report says at which row checking stopped. Nothing is written in any case.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, uploadForm, usersWithTokens } from '../helpers/api'
import { csv, ensureConfigVersion, tableCounts } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import type { Issue } from '../../lib/input-sets/bundle/report'

const PER_FILE = 10
const PER_UPLOAD = 15
const ISSUES = 5

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer({ MAX_ROWS_PER_FILE: String(PER_FILE), MAX_ROWS_PER_UPLOAD: String(PER_UPLOAD), MAX_ISSUES_PER_FILE: String(ISSUES) })
const editor = bearer((await usersWithTokens()).editor.token)
await ensureConfigVersion(1)

/** demand_family.csv with `n` distinct valid rows (data row k on line k + 1). */
const demandRows = (n: number, demand = (i: number) => String(i)) =>
  csv('family,period,demand', ...Array.from({ length: n }, (_, i) => `F${i},2025-01,${demand(i)}`))
const capacityRows = (n: number) => csv('workcenter,period,capacity', ...Array.from({ length: n }, (_, i) => `WC${i},2025-01,${i}`))

const upload = (label: string, files: Record<string, string>, validateOnly = false) =>
  call(server, 'POST', '/api/plans/input_sets', {
    headers: editor,
    form: uploadForm({ label, config_version_id: '1', ...(validateOnly ? { validate_only: 'true' } : {}) }, files),
  })

test(`${on} a file of exactly MAX_ROWS_PER_FILE rows is accepted`, async () => {
  const r = await upload('at-cap', { 'demand_family.csv': demandRows(PER_FILE) })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.report.files.demand_family.rows_accepted, PER_FILE)
})

test(`${on} a file over MAX_ROWS_PER_FILE is 413 too_many_rows naming the file, the row and the cap; nothing is written`, async () => {
  for (const validateOnly of [false, true]) {
    const before = await tableCounts()
    const r = await upload('over-file-cap', { 'demand_family.csv': demandRows(PER_FILE * 100) }, validateOnly)
    assert.equal(r.status, 413, JSON.stringify(r.body))
    assert.equal(r.body.error.code, 'too_many_rows')
    // Data row 11 is on line 12: the first row past the cap, where reading stopped.
    assert.deepEqual(r.body.error.details, { file: 'demand_family.csv', row: PER_FILE + 2, limit: PER_FILE, setting: 'MAX_ROWS_PER_FILE', field: 'files' })
    assert.equal(
      r.body.error.message,
      `demand_family.csv has more than ${PER_FILE} rows (MAX_ROWS_PER_FILE): reading stopped at row ${PER_FILE + 2}; nothing was imported.`,
    )
    assert.deepEqual(await tableCounts(), before, 'nothing written')
  }
})

test(`${on} an upload over MAX_ROWS_PER_UPLOAD across two files is 413 naming the file and row where it passed the cap; nothing is written`, async () => {
  const before = await tableCounts()
  // 8 demand rows are read first, then capacity: its 8th row (line 9) is the upload's 16th.
  const r = await upload('over-upload-cap', { 'demand_family.csv': demandRows(8), 'capacity.csv': capacityRows(8) })
  assert.equal(r.status, 413, JSON.stringify(r.body))
  assert.equal(r.body.error.code, 'too_many_rows')
  assert.deepEqual(r.body.error.details, { file: 'capacity.csv', row: 9, limit: PER_UPLOAD, setting: 'MAX_ROWS_PER_UPLOAD', field: 'files' })
  assert.match(r.body.error.message, /more than 15 rows in all its files together \(MAX_ROWS_PER_UPLOAD\): reading stopped at capacity\.csv row 9/)
  assert.deepEqual(await tableCounts(), before, 'nothing written')
})

test(`${on} a file with MAX_ISSUES_PER_FILE errors is not read further: 422, the report says checking stopped at that row; nothing is written`, async () => {
  const before = await tableCounts()
  // Every row's demand is bad: the 5th error is on line 6, and the 995 rows after it are not read.
  const r = await upload('many-errors', { 'demand_family.csv': demandRows(1000, () => 'x') })
  assert.equal(r.status, 422, JSON.stringify(r.body))
  const report = r.body.error.details.report
  assert.deepEqual(report.files.demand_family, { rows_read: ISSUES, rows_accepted: 0 })
  const errors = (report.issues as Issue[]).filter((i) => i.severity === 'error')
  assert.deepEqual(
    errors.map((i) => [i.code, i.row]),
    [...[2, 3, 4, 5, 6].map((row) => ['not_a_number', row]), ['issues_truncated', ISSUES + 1]],
  )
  assert.equal(
    errors[ISSUES].message,
    `Checking of demand_family.csv stopped at row ${ISSUES + 1} after ${ISSUES} errors (limit ${ISSUES} issues per file); the rows after it were not read.`,
  )
  assert.equal(report.counts.errors, ISSUES)
  assert.deepEqual(await tableCounts(), before, 'nothing written')
})

test(`${on} warnings do not stop a file: more warnings than MAX_ISSUES_PER_FILE, every row read and imported`, async () => {
  // Eight unknown columns: eight warnings, over the cap of five, and no error.
  const header = `family,period,demand,${Array.from({ length: 8 }, (_, i) => `note${i}`).join(',')}`
  const rows = Array.from({ length: PER_FILE }, (_, i) => `F${i},2025-01,${i},${'x,'.repeat(7)}x`)
  const r = await upload('many-warnings', { 'demand_family.csv': csv(header, ...rows) })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.deepEqual(r.body.report.files.demand_family, { rows_read: PER_FILE, rows_accepted: PER_FILE })
  assert.ok(!(r.body.report.issues as Issue[]).some((i) => i.code === 'issues_truncated' && i.severity === 'error'))
})
