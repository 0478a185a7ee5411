// Checks of the bundle as a whole (docs/bundles.md, "Import rules") — empty bundle, size limit, zip
// entries escaping the bundle or pointing elsewhere, unknown files and columns, meta label — and
// what an import writes: nothing for --validate-only or on any error; the reference bundles with
// their exact counts; folder and zip layouts. On the database TEST_DB selects.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import {
  alice,
  countRows,
  csv,
  dump,
  err,
  errorsOf,
  memoryBundle,
  readFolder,
  REFERENCE_DIR,
  runImport,
  tableCounts,
  tempDir,
  validate,
  validatePath,
  validFiles,
  warn,
  warningsOf,
  writeFiles,
  writeZip,
} from '../../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { getSql } from '../../db/sql'
import { resetEnvCache } from '../../env'
import { openBundle } from '../bundle/bundle-source'
import { exportInputSet } from './export'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const importPath = async (p: string, label: string) => runImport(await openBundle(p), { label })
const revisionsOf = (label: string) =>
  countRows('SELECT COUNT(*) AS n FROM input_set_revision r JOIN input_set s ON s.id = r.input_set_id WHERE s.label = ?', [label])

test(`${on} a bundle with no recognised file is an empty_bundle error naming the upload; unknown files warn`, async () => {
  const r = await validate({ 'notes.txt': 'hello', 'meta.json': '{"label": "x"}' })
  assert.deepEqual(errorsOf(r), [err('empty_bundle', 'upload', null, null)], dump(r))
  assert.deepEqual(
    warningsOf(r).filter((w) => w.code === 'unknown_file'),
    [warn('unknown_file', 'notes.txt', null, null)],
    dump(r),
  )
  const empty = path.join(tempDir(), 'my_bundle')
  fs.mkdirSync(empty)
  const e = await validatePath(empty)
  assert.deepEqual(errorsOf(e), [err('empty_bundle', 'my_bundle', null, null)], dump(e))
})

test(`${on} a file over MAX_FILE_BYTES is a file_too_large error (CSV and JSON, folder and zip)`, async () => {
  const files = {
    'demand_family.csv': csv('family,period,demand', ...Array.from({ length: 20 }, (_, i) => `F${i},2025-01,${i}`)),
    'period_cost.csv': csv('period,cost', '2025-01,1'),
  }
  const dir = writeFiles(tempDir(), { ...files, 'planning_calendar.json': `${JSON.stringify({ periods: [], padding: 'x'.repeat(300) })}` })
  const zip = await writeZip(
    path.join(tempDir(), 'big.zip'),
    Object.entries(files).map(([p, data]) => ({ path: p, data })),
  )
  process.env.MAX_FILE_BYTES = '200'
  resetEnvCache()
  try {
    const r = await validatePath(dir)
    assert.deepEqual(errorsOf(r), [err('file_too_large', 'demand_family.csv', null, null), err('file_too_large', 'planning_calendar.json', null, null)], dump(r))
    assert.deepEqual(r.files.period_cost, { rows_read: 1, rows_accepted: 1 })
    const z = await validatePath(zip)
    assert.deepEqual(errorsOf(z), [err('file_too_large', 'demand_family.csv', null, null)], dump(z))
  } finally {
    delete process.env.MAX_FILE_BYTES
    resetEnvCache()
  }
  const ok = await validatePath(dir)
  assert.deepEqual(errorsOf(ok), [], 'the limit is read per import: back to the default, the same files pass')
})

test(`${on} zip entries escaping the bundle ('../x.csv', '/x.csv') are errors and the import writes nothing`, async () => {
  const zip = await writeZip(
    path.join(tempDir(), 'escape.zip'),
    [
      { path: 'demand_family.csv', data: validFiles()['demand_family.csv'] },
      { path: 'zz/x.csv', data: 'family,period,demand\n' },
      { path: 'zx.csv', data: 'period,cost\n' },
    ],
    { 'zz/x.csv': '../x.csv', 'zx.csv': '/x.csv' },
  )
  const before = await tableCounts()
  const r = await importPath(zip, 'escape')
  assert.deepEqual(errorsOf(r), [err('zip_path_escape', '../x.csv', null, null), err('zip_path_escape', '/x.csv', null, null)], dump(r))
  assert.equal(r.ok, false)
  assert.deepEqual(await tableCounts(), before)
})

test(`${on} an uploaded file name carrying a path (web/REST upload) is refused`, async () => {
  const r = await runImport(memoryBundle({ ...validFiles(), '../period_cost.csv': 'period,cost\n' }), { validateOnly: true })
  assert.deepEqual(errorsOf(r), [err('bad_file_name', '../period_cost.csv', null, null)], dump(r))
})

test(`${on} a symbolic-link zip entry is an error, not followed`, async () => {
  const zip = await writeZip(path.join(tempDir(), 'link.zip'), [
    { path: 'bundle/demand_family.csv', data: validFiles()['demand_family.csv'] },
    { path: 'bundle/capacity.csv', data: '/etc/passwd', mode: 0o120777 },
  ])
  const r = await validatePath(zip)
  assert.deepEqual(errorsOf(r), [err('zip_symlink', 'bundle/capacity.csv', null, null)], dump(r))
  assert.equal(r.files.capacity, undefined)
})

test(`${on} a symbolic link in a folder bundle is read or reported, never silently skipped`, async () => {
  const outside = writeFiles(tempDir(), { 'capacity.csv': validFiles()['capacity.csv'] })
  const dir = writeFiles(tempDir(), { 'demand_family.csv': validFiles()['demand_family.csv'] })
  fs.symlinkSync(path.join(outside, 'capacity.csv'), path.join(dir, 'capacity.csv'))
  const r = await validatePath(dir)
  assert.ok(r.files.capacity !== undefined || r.issues.some((i) => i.file === 'capacity.csv'), dump(r))
})

test(`${on} unknown files at the bundle level and files in a zip sub-folder are warnings; two files for one section are an error`, async () => {
  const zip = await writeZip(path.join(tempDir(), 'extra.zip'), [
    ...Object.entries(validFiles()).map(([p, data]) => ({ path: `set/${p}`, data })),
    { path: 'set/README.md', data: '# notes' },
    { path: 'set/old/demand_family.csv', data: 'family,period,demand\n' },
  ])
  const r = await validatePath(zip)
  assert.deepEqual(errorsOf(r), [], dump(r))
  assert.deepEqual(warningsOf(r), [warn('unknown_file', 'README.md', null, null), warn('unknown_file', 'set/old/demand_family.csv', null, null)], dump(r))
  const twice = await validate({ ...validFiles(), 'meta.json': '{}', 'input_set_meta.json': '{}' })
  assert.deepEqual(errorsOf(twice), [err('duplicate_file', 'input_set_meta.json', null, null)], dump(twice))
})

test(`${on} an unknown column warns and is kept: stored in extra_json, exported, and re-imported to the same hash`, async () => {
  const files = { ...validFiles(), 'demand_family.csv': csv('family,period,demand,Comment', 'F1,2025-01,100,promo', 'F1,2025-02,120,', 'F2,2025-01,80,"a, b"') }
  const r = await runImport(memoryBundle(files), { label: 'extra-cols' })
  assert.deepEqual(errorsOf(r), [], dump(r))
  assert.deepEqual(warningsOf(r), [warn('unknown_column', 'demand_family.csv', 1, 'Comment')], dump(r))
  const rows = await getSql().withConnection((c) =>
    c.all<{ family: string; period: string; extra_json: string | null }>(
      `SELECT d.family, d.period, d.extra_json FROM demand_row d JOIN input_set_revision r ON r.id = d.revision_id JOIN input_set s ON s.id = r.input_set_id
       WHERE s.label = ? ORDER BY d.family, d.period`,
      ['extra-cols'],
    ),
  )
  assert.deepEqual(
    rows.map((x) => JSON.parse(x.extra_json ?? 'null')),
    [{ Comment: 'promo' }, { Comment: '' }, { Comment: 'a, b' }],
  )
  const out = await exportInputSet({ ref: 'extra-cols', outDir: tempDir(), actor: alice })
  const exported = fs.readFileSync(path.join(out.dir, 'demand_family.csv'), 'utf8')
  assert.equal(exported.split('\n')[0], 'family,period,demand,Comment')
  assert.match(exported, /F2,2025-01,80,"a, b"/)
  const again = await validatePath(out.dir)
  assert.equal(again.content_hash, r.content_hash)
})

test(`${on} meta.json naming another label warns on its 'label' column; the same label does not`, async () => {
  const r = await validate({ ...validFiles(), 'meta.json': '{"label": "someone_else", "description": "Q1"}' }, { label: 'mine' })
  assert.deepEqual(warningsOf(r), [warn('meta_label_differs', 'meta.json', null, 'label')], dump(r))
  const same = await validate({ ...validFiles(), 'input_set_meta.json': '{"label": "mine"}' }, { label: 'mine' })
  assert.deepEqual([...errorsOf(same), ...warningsOf(same)], [], dump(same))
})

test(`${on} validate-only writes nothing, for a new label and for an existing one, and still reports the hash`, async () => {
  const before = await tableCounts()
  const r = await validate(validFiles(), { label: 'dry-run' })
  assert.equal(r.ok, true, dump(r))
  assert.equal(r.validate_only, true)
  assert.equal(r.revision, undefined)
  assert.match(r.content_hash ?? '', /^[0-9a-f]{64}$/)
  assert.deepEqual(await tableCounts(), before)
  assert.equal(await countRows('SELECT COUNT(*) AS n FROM input_set WHERE label = ?', ['dry-run']), 0)

  const real = await runImport(memoryBundle(validFiles()), { label: 'dry-run' })
  assert.equal(real.revision, 1, dump(real))
  assert.equal(real.content_hash, r.content_hash, 'validate-only reports the hash the import stores')
  const after1 = await tableCounts()
  const again = await validate({ ...validFiles(), 'period_cost.csv': csv('period,cost', '2025-01,5') }, { label: 'dry-run' })
  assert.equal(again.ok, true, dump(again))
  assert.deepEqual(await tableCounts(), after1)
  assert.equal(await revisionsOf('dry-run'), 1)
})

test(`${on} an import with errors writes nothing: no label, no revision, no rows, no event — also for an existing label`, async () => {
  // period_score.csv is read last, so demand and the other sections were already streamed in.
  const broken = { ...validFiles(), 'period_score.csv': csv('period,score', '2025-01,1', '2025-02,high') }
  const before = await tableCounts()
  const r = await runImport(memoryBundle(broken), { label: 'fails' })
  assert.deepEqual(errorsOf(r), [err('not_a_number', 'period_score.csv', 3, 'score')], dump(r))
  assert.deepEqual([r.ok, r.revision, r.content_hash], [false, undefined, undefined])
  assert.deepEqual(await tableCounts(), before)

  const first = await runImport(memoryBundle(validFiles()), { label: 'fails' })
  assert.equal(first.revision, 1, dump(first))
  const withOne = await tableCounts()
  const second = await runImport(memoryBundle(broken), { label: 'fails' })
  assert.equal(second.ok, false)
  assert.deepEqual(await tableCounts(), withOne)
  assert.equal(await revisionsOf('fails'), 1)
})

const EXPECTED: Record<string, number> = {
  demand_family: 24,
  capacity: 12,
  mix_share: 3,
  inventory: 3,
  open_po: 1,
  period_cost: 12,
  period_score: 12,
  item: 4,
  bom: 2,
}

for (const [name, label] of [
  ['planning', 'ref-planning'],
  ['weekly_forecast_set_1', 'weekly_forecast_set_v1'],
]) {
  test(`${on} reference bundle ${name} imports with 0 errors and exactly the documented row counts`, async () => {
    const r = await importPath(path.join(REFERENCE_DIR, name), label)
    assert.deepEqual(errorsOf(r), [], dump(r))
    assert.equal(r.revision, 1)
    const expected = name === 'planning' ? { ...EXPECTED, planning_calendar: 12 } : EXPECTED
    for (const [stem, n] of Object.entries(expected)) assert.deepEqual(r.files[stem as 'bom'], { rows_read: n, rows_accepted: n }, stem)
    if (name !== 'planning') assert.equal(r.files.planning_calendar, undefined)
    const stored = await getSql().withConnection((c) =>
      c.all<{ section: string; rows: number }>(
        `SELECT rs.section, rs.rows FROM revision_section rs JOIN input_set_revision r ON r.id = rs.revision_id JOIN input_set s ON s.id = r.input_set_id WHERE s.label = ?`,
        [label],
      ),
    )
    const byStem = Object.fromEntries(stored.map((s) => [s.section, Number(s.rows)]))
    for (const [stem, n] of Object.entries(expected)) assert.equal(byStem[stem], n, `stored ${stem}`)
    const demand = await countRows(
      'SELECT COUNT(*) AS n FROM demand_row d JOIN input_set_revision r ON r.id = d.revision_id JOIN input_set s ON s.id = r.input_set_id WHERE s.label = ?',
      [label],
    )
    assert.equal(demand, 24)
  })
}

test(`${on} a folder holding one sub-folder, a zip with one top folder and a zip with files at its root all import alike`, async () => {
  const reference = readFolder(path.join(REFERENCE_DIR, 'planning'))
  const direct = await validatePath(path.join(REFERENCE_DIR, 'planning'))
  assert.ok(direct.content_hash, dump(direct))
  const outer = tempDir()
  writeFiles(path.join(outer, 'planning_inputs_q1'), reference)
  const entries = (prefix: string) => Object.entries(reference).map(([p, data]) => ({ path: `${prefix}${p}`, data }))
  const topFolder = await writeZip(path.join(tempDir(), 'top.zip'), [
    ...entries('planning_inputs_q1/'),
    { path: '__MACOSX/planning_inputs_q1/._demand_family.csv', data: Buffer.from([0, 5, 22, 7]) },
    { path: 'planning_inputs_q1/.DS_Store', data: Buffer.from([0, 0, 0, 1]) },
  ])
  const atRoot = await writeZip(path.join(tempDir(), 'root.zip'), entries(''))
  for (const [what, p] of [
    ['folder in a folder', outer],
    ['zip with top folder', topFolder],
    ['zip at root', atRoot],
  ] as const) {
    const label = `layout-${what.replace(/ /g, '-')}`
    const r = await importPath(p, label)
    assert.deepEqual(errorsOf(r), [], `${what}\n${dump(r)}`)
    assert.equal(r.revision, 1, what)
    assert.deepEqual(r.files, direct.files, what)
    assert.equal(r.content_hash, direct.content_hash, what)
    assert.equal(warningsOf(r).filter((w) => w.code === 'unknown_file').length, 0, `${what}\n${dump(r)}`)
  }
})
