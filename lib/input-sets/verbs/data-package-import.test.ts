// A bundle with datapackage.json is read through it: each resource names its section's file
// (anywhere inside the bundle) and how it is written, and its declared schema is checked against
// ours. An export re-imports through its own descriptor to the same content hash.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import {
  dump,
  err,
  errorsOf,
  memoryBundle,
  runImport,
  tempDir,
  validFiles,
  validate,
  validatePath,
  warn,
  warningsOf,
  writeFiles,
  writeZip,
  type Files,
} from '../../../test/helpers/bundles'
import { alice, bob, ensureConfigVersion, importDir } from '../../../test/helpers/input-sets'
import { DATA_PACKAGE_FILE } from '../bundle/data-package'
import { exportInputSet } from './export'
import { reviewInputSet } from './review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
await ensureConfigVersion(1)

const DP = DATA_PACKAGE_FILE
const plain = await runImport(memoryBundle(validFiles()), { label: 'dpi-source', actor: alice })
assert.ok(plain.ok, dump(plain))
await reviewInputSet({ ref: 'dpi-source', action: 'approve', actor: bob, comment: 'approve for export' })
const exported = await exportInputSet({ ref: 'dpi-source', outDir: tempDir('dpi-export-'), actor: alice, zip: true })
type Resource = Record<string, unknown> & { name: string; path: string; schema: { fields: Record<string, unknown>[] } & Record<string, unknown> }
const exportedDescriptor = () => JSON.parse(fs.readFileSync(path.join(exported.dir, DP), 'utf8')) as { resources: Resource[] } & Record<string, unknown>

/** The exported folder with its descriptor edited (and files renamed or replaced) in a copy. */
function editedExport(edit: (resources: Resource[]) => void, files: Files = {}, remove: string[] = []): string {
  const dir = tempDir('dpi-edit-')
  fs.cpSync(exported.dir, dir, { recursive: true })
  const descriptor = exportedDescriptor()
  edit(descriptor.resources)
  writeFiles(dir, { ...files, [DP]: JSON.stringify(descriptor, null, 2) })
  for (const f of remove) fs.rmSync(path.join(dir, f))
  return dir
}
const resource = (resources: Resource[], name: string) => resources.find((r) => r.name === name)!
const field = (resources: Resource[], name: string, fieldName: string) => resource(resources, name).schema.fields.find((f) => f.name === fieldName)!
/** Drops what a resource says its exported file was, for a test that replaces the file. */
const unpin = (r: Resource) => {
  delete r.hash
  delete r.bytes
}
const descriptorIssues = (r: Awaited<ReturnType<typeof validate>>) => r.issues.filter((i) => i.file === DP)

test(`${on} an export (folder and zip) re-imports through its datapackage.json to the same content hash, without issues`, async () => {
  for (const source of [exported.dir, exported.zip!]) {
    const imported = await validatePath(source)
    assert.ok(imported.ok, dump(imported))
    assert.deepEqual(imported.issues, [], dump(imported))
    assert.equal(imported.content_hash, plain.content_hash)
  }
  const stored = await importDir(exported.dir, 'dpi-roundtrip')
  assert.equal(stored.report.content_hash, plain.content_hash)
})

test(`${on} resources are read from their own paths: renamed files, a sub-folder, a semicolon dialect, no header row, another quote`, async () => {
  const demand = 'F1;2025-01;100\nF1;2025-02;120\nF2;2025-01;80\n'
  const capacity = "'workcenter';period;capacity;resource_type\r\n'WC;1';2025-01;500;workcenter\r\n'WC''2';2025-02;500;'workcenter'\r\n"
  const edit = (resources: Resource[]) => {
    Object.assign(resource(resources, 'demand_family'), { path: 'data/demand.txt', dialect: { delimiter: ';', header: false } })
    Object.assign(resource(resources, 'capacity'), { path: 'cap.csv', dialect: { delimiter: ';', quoteChar: "'", doubleQuote: true, lineTerminator: '\r\n' } })
    // The replaced files are not the exported ones: their size and hash are dropped with them.
    for (const name of ['demand_family', 'capacity']) unpin(resource(resources, name))
  }
  const dir = editedExport(edit, {}, ['demand_family.csv', 'capacity.csv'])
  fs.mkdirSync(path.join(dir, 'data'))
  fs.writeFileSync(path.join(dir, 'data/demand.txt'), demand)
  fs.writeFileSync(path.join(dir, 'cap.csv'), capacity)
  // The same data in the plain layout, with the work centres named as in the quoted file.
  const expected = await validate({ ...validFiles(), 'capacity.csv': 'workcenter,period,capacity\n"WC;1",2025-01,500\nWC\'2,2025-02,500\n' })
  const fromFolder = await validatePath(dir)
  assert.ok(fromFolder.ok, dump(fromFolder))
  assert.deepEqual(fromFolder.issues, [], dump(fromFolder))
  assert.deepEqual(fromFolder.files.demand_family, { rows_read: 3, rows_accepted: 3 })
  assert.equal(fromFolder.content_hash, expected.content_hash)
  // A zip holding the same files, the descriptor's sub-folder included.
  const zip = await writeZip(
    path.join(tempDir('dpi-zip-'), 'bundle.zip'),
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .map((f) => ({ path: `bundle/${f}`, data: fs.readFileSync(path.join(dir, f)) })),
  )
  const fromZip = await validatePath(zip)
  assert.deepEqual(fromZip.issues, [], dump(fromZip))
  assert.equal(fromZip.content_hash, expected.content_hash)
})

test(`${on} a datapackage.json that is not JSON, or not a data package, is refused at its line or JSON path`, async () => {
  const broken = await validate({ ...validFiles(), [DP]: '{"resources": [\n  {"name": "item",\n' })
  assert.deepEqual(errorsOf(broken), [err('bad_json', DP, 3, null)], dump(broken))
  const shape = await validate({ ...validFiles(), [DP]: JSON.stringify({ resources: [{ name: 'item', path: 'item.csv', dialect: { delimiter: 5 } }] }) })
  assert.deepEqual(errorsOf(shape), [err('bad_descriptor', DP, null, 'resources[0].dialect.delimiter')], dump(shape))
  assert.match(shape.issues[0].message, /datapackage\.json at resources\[0\]\.dialect\.delimiter: .*expected string/)
  const none = await validate({ ...validFiles(), [DP]: '{"name": "x"}' })
  assert.deepEqual(errorsOf(none), [err('bad_descriptor', DP, null, 'resources')], dump(none))
})

test(`${on} a resource naming a missing file, or a path escaping the bundle, is refused naming the resource and path`, async () => {
  const missing = await validatePath(editedExport((rs) => (resource(rs, 'bom').path = 'data/bom.csv')))
  assert.deepEqual(errorsOf(missing), [err('missing_resource_file', DP, null, 'resources[8].path')], dump(missing))
  assert.equal(missing.issues.find((i) => i.code === 'missing_resource_file')!.message, "Resource 'bom' names 'data/bom.csv', which is not in the bundle.")
  // bom.csv is still at the top: it is the descriptor's section already (not read by its name twice).
  for (const [p, why] of [
    ['../item.csv', /points outside the bundle/],
    ['/etc/passwd', /points outside the bundle/],
    ['data/../../item.csv', /points outside the bundle/],
    ['https://example.com/item.csv', /is a URL or a drive/],
    ['C:\\item.csv', /is a URL or a drive/],
  ] as const) {
    const r = await validatePath(editedExport((rs) => (resource(rs, 'item').path = p)))
    const refused = errorsOf(r)
    assert.deepEqual(refused, [err('resource_path_refused', DP, null, 'resources[7].path')], `${p}: ${dump(r)}`)
    assert.match(
      r.issues.find((i) => i.code === 'resource_path_refused')!.message,
      new RegExp(`^Resource 'item': path '${p.replace(/[\\.]/g, '\\$&')}' ${why.source}`),
    )
  }
})

test(`${on} an encoding, format or dialect the importer cannot honour is refused, naming the resource`, async () => {
  const cases: [(r: Resource) => void, string, RegExp][] = [
    [(r) => (r.encoding = 'latin1'), 'resources[0].encoding', /encoding 'latin1' is not supported/],
    [(r) => (r.format = 'xlsx'), 'resources[0].format', /format 'xlsx' cannot be read/],
    [(r) => (r.dialect = { lineTerminator: ';' }), 'resources[0].dialect.lineTerminator', /lineTerminator ";" is not supported/],
    [(r) => (r.dialect = { nullSequence: 'NA' }), 'resources[0].dialect.nullSequence', /nullSequence "NA" is not supported/],
    [(r) => (r.dialect = { delimiter: '"' }), 'resources[0].dialect.delimiter', /must be two different characters/],
  ]
  for (const [edit, at, message] of cases) {
    const r = await validatePath(editedExport((rs) => edit(resource(rs, 'demand_family'))))
    assert.deepEqual(errorsOf(r), [err('unsupported_dialect', DP, null, at)], dump(r))
    assert.match(r.issues.find((i) => i.code === 'unsupported_dialect')!.message, /^Resource 'demand_family': /)
    assert.match(r.issues.find((i) => i.code === 'unsupported_dialect')!.message, message)
  }
})

test(`${on} a declared schema that disagrees with ours: errors for a missing field, a type or a primary key; warnings for what only checks differ`, async () => {
  const r = await validatePath(
    editedExport((rs) => {
      field(rs, 'capacity', 'capacity').type = 'string'
      resource(rs, 'item').schema.primaryKey = ['item', 'lt']
      delete resource(rs, 'bom').schema.primaryKey
      resource(rs, 'period_cost').schema.missingValues = ['', 'NA']
      field(rs, 'mix_share', 'share').constraints = { required: true, minimum: 0, maximum: 2 }
      field(rs, 'inventory', 'qty').constraints = { required: true, exclusiveMinimum: 0 }
      field(rs, 'bom', 'qty').constraints = { minimum: 1 }
      field(rs, 'item', 'lot').type = 'integer'
      resource(rs, 'period_score').schema.fields.push({ name: 'comment', type: 'string' })
    }),
  )
  const at = (i: number, rest: string) => `resources[${i}].schema${rest}`
  // The export lists demand_family, capacity, mix_share, inventory, open_po, period_cost, period_score, item, bom.
  assert.deepEqual(
    errorsOf(r),
    [
      err('schema_type', DP, null, at(1, '.fields[2].type')),
      err('schema_missing_values', DP, null, at(5, '.missingValues')),
      err('schema_primary_key', DP, null, at(7, '.primaryKey')),
    ],
    dump(r),
  )
  assert.deepEqual(
    warningsOf(r).filter((w) => w.file === DP),
    [
      warn('schema_weaker', DP, null, at(2, '.fields[2].constraints.maximum')),
      warn('schema_stronger', DP, null, at(3, '.fields[2].constraints.exclusiveMinimum')),
      warn('schema_unknown_field', DP, null, at(6, '.fields[2]')),
      warn('schema_stronger', DP, null, at(7, '.fields[2].type')),
      warn('schema_weaker', DP, null, at(8, '.fields[2].constraints.required')),
      warn('schema_stronger', DP, null, at(8, '.fields[2].constraints.minimum')),
      warn('schema_primary_key', DP, null, at(8, '.primaryKey')),
    ],
    dump(r),
  )
  const message = (code: string, resourceIndex: number) => r.issues.find((i) => i.code === code && i.column!.startsWith(`resources[${resourceIndex}]`))!.message
  assert.equal(message('schema_type', 1), "Resource 'capacity': field 'capacity' is declared string, but is read as number here.")
  assert.equal(message('schema_primary_key', 7), "Resource 'item': declares the primary key (item, lt); rows are unique on (item) here.")
  assert.equal(message('schema_weaker', 2), "Resource 'mix_share': field 'share' must be <= 2, weaker than here: values must be <= 1.")
  assert.equal(message('schema_stronger', 3), "Resource 'inventory': field 'qty' must be > 0, stronger than here: values >= 0 are accepted.")
  assert.equal(message('schema_primary_key', 8), "Resource 'bom': declares no primary key; rows are unique on (parent, child) here, and a duplicate is refused.")
})

test(`${on} a required field the schema leaves out is an error naming the resource and field`, async () => {
  const r = await validatePath(
    editedExport((rs) => {
      const demand = resource(rs, 'demand_family')
      demand.schema.fields = demand.schema.fields.filter((f) => f.name !== 'period')
    }),
  )
  assert.deepEqual(
    descriptorIssues(r).map((i) => [i.severity, i.code, i.column, i.message]),
    [['error', 'schema_missing_field', 'resources[0].schema.fields', "Resource 'demand_family': the schema has no field 'period', which demand_family requires."]],
  )
})

test(`${on} with a descriptor, unknown resources are warnings, a CSV it leaves out is read by its name with a warning, and two files for one section are refused`, async () => {
  const r = await validatePath(
    editedExport(
      (rs) => {
        rs.push({ name: 'notes', path: 'notes.csv', schema: { fields: [] } } as Resource)
        rs.splice(rs.indexOf(resource(rs, 'bom')), 1)
        resource(rs, 'item').path = 'items.csv'
      },
      { 'notes.csv': 'a\n1\n', 'items.csv': fs.readFileSync(path.join(exported.dir, 'item.csv')) },
    ),
  )
  assert.deepEqual(errorsOf(r), [err('duplicate_file', 'item.csv', null, null)], dump(r))
  assert.equal(
    r.issues.find((i) => i.code === 'duplicate_file')!.message,
    "'item.csv' and 'items.csv' (resource 'item' in datapackage.json) are the same section; keep one.",
  )
  assert.deepEqual(warningsOf(r), [warn('not_in_descriptor', 'bom.csv', null, null), warn('unknown_resource', DP, null, 'resources[8].name')], dump(r))
})

test(`${on} a zip's sub-folder is still reported when the descriptor does not name it`, async () => {
  const files = validFiles()
  const zip = await writeZip(path.join(tempDir('dpi-sub-'), 'b.zip'), [
    ...Object.entries(files).map(([p, data]) => ({ path: p, data })),
    { path: 'extra/readme.txt', data: 'hello' },
    { path: DP, data: JSON.stringify({ resources: [{ name: 'item', path: 'item.csv' }] }) },
  ])
  const r = await validatePath(zip)
  assert.ok(r.ok, dump(r))
  assert.ok(
    r.issues.some((i) => i.code === 'unknown_file' && i.file === 'extra/readme.txt'),
    dump(r),
  )
  assert.equal(r.issues.filter((i) => i.code === 'not_in_descriptor').length, 8, dump(r))
})

test(`${on} a header row in another order than the declared schema is a warning naming the file and column; values are read by header name`, async () => {
  const dir = editedExport((resources) => unpin(resource(resources, 'period_cost')), { 'period_cost.csv': 'cost,period\n100,2025-01\n-20,2025-02\n' })
  const r = await validatePath(dir)
  assert.ok(r.ok, dump(r))
  assert.deepEqual(warningsOf(r), [warn('header_mismatch', 'period_cost.csv', 1, 'cost')], dump(r))
  assert.equal(r.issues[0].message, "Column 1 of the header is 'cost' where datapackage.json's schema declares 'period'; columns are read by their header names.")
  assert.equal(r.content_hash, plain.content_hash)
})

test(`${on} a file changed after export imports with warnings at the resource's bytes and hash; an unprefixed hash is MD5; an unusable one is not checked`, async () => {
  const at = `resources[${exportedDescriptor().resources.findIndex((r) => r.name === 'demand_family')}]`
  const edited = 'family,period,demand\nF1,2025-01,100\n'
  const changed = await validatePath(editedExport(() => undefined, { 'demand_family.csv': edited }))
  assert.ok(changed.ok, dump(changed))
  assert.deepEqual(warningsOf(changed), [warn('integrity_mismatch', DP, null, `${at}.bytes`), warn('integrity_mismatch', DP, null, `${at}.hash`)], dump(changed))
  assert.match(
    changed.issues[1].message,
    /^'demand_family\.csv' is not the file resource 'demand_family' describes: its sha256 is [0-9a-f]{64}, the descriptor says [0-9a-f]{64}\./,
  )
  assert.deepEqual(changed.files.demand_family, { rows_read: 1, rows_accepted: 1 }, 'the rows are read as they are now')

  const md5 = createHash('md5').update(edited).digest('hex')
  const described = (hash: unknown) =>
    editedExport((resources) => Object.assign(resource(resources, 'demand_family'), { hash, bytes: Buffer.byteLength(edited) }), { 'demand_family.csv': edited })
  assert.deepEqual((await validatePath(described(md5))).issues, [], 'an unprefixed hash is MD5, and this one matches')
  assert.deepEqual((await validatePath(described(`MD5:${md5.toUpperCase()}`))).issues, [], 'the prefix and the digits in any case')
  const unusable = await validatePath(described('crc32:1234abcd'))
  assert.ok(unusable.ok, dump(unusable))
  assert.deepEqual(warningsOf(unusable), [warn('integrity_not_checked', DP, null, `${at}.hash`)], dump(unusable))
  const short = await validatePath(described('sha256:abc'))
  assert.match(short.issues[0]?.message ?? '', /"hash" has 3 hex digits; a sha256 hash has 64\./, dump(short))
})
