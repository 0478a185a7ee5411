// Every export carries datapackage.json: a Frictionless tabular data package, valid for the
// Frictionless library (descriptor, types, constraints, primary and foreign keys), with each
// file's SHA-256 and the revision's label, content hash and approver. Its constraints are derived
// from the same section definitions the importer checks with, so a value that breaks one is
// refused by both, and a value on the boundary is accepted by both.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { Package } from 'datapackage'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { memoryBundle, readFolder, runImport, tempDir, validFiles, validate, type Files } from '../../../test/helpers/bundles'
import { alice, bob, ensureConfigVersion } from '../../../test/helpers/input-sets'
import { CSV_SECTIONS, CSV_STEMS } from '../bundle/sections'
import { DATA_PACKAGE_FILE, tableField } from '../bundle/data-package'
import { reviewInputSet } from './review'
import { exportInputSet } from './export'

await useFreshDatabase()
const on = `[${dbLabel()}]`
await ensureConfigVersion(1)

type Descriptor = {
  profile: string
  planning_hub: { label: string; revision: number; content_hash: string; approved_by: string | null; files: { path: string; hash: string }[] }
  resources: {
    name: string
    path: string
    hash: string
    schema: { fields: { name: string; type: string; constraints?: Record<string, unknown> }[]; primaryKey?: string[]; foreignKeys?: unknown[] }
  }[]
}

/** Reads every resource through the Frictionless library, foreign keys included; the errors it raises. */
async function frictionlessErrors(dir: string): Promise<string[]> {
  const dp = await Package.load(path.join(dir, DATA_PACKAGE_FILE), { basePath: dir, strict: false })
  if (!dp.valid) return dp.errors.map((e: Error) => `descriptor: ${e.message}`)
  const errors: string[] = []
  for (const resource of dp.resources) {
    try {
      await resource.read({ relations: true })
    } catch (err) {
      const multiple = (err as { errors?: Error[] }).errors
      errors.push(...(multiple?.length ? multiple.map((e) => `${resource.name}: ${e.message}`) : [`${resource.name}: ${(err as Error).message}`]))
    }
  }
  return errors
}

const exported = async (label: string) => {
  const result = await exportInputSet({ ref: label, outDir: tempDir('datapackage-'), actor: alice })
  return { dir: result.dir, descriptor: JSON.parse(fs.readFileSync(path.join(result.dir, DATA_PACKAGE_FILE), 'utf8')) as Descriptor, result }
}

const report = await runImport(memoryBundle(validFiles()), { label: 'dp-set', actor: alice })
await reviewInputSet({ ref: 'dp-set', action: 'approve', actor: bob, comment: 'DP-1 approve' })

test(`${on} an export's datapackage.json is a valid tabular data package: one resource per CSV, hashes, label, revision, approver`, async () => {
  const { dir, descriptor } = await exported('dp-set')
  assert.equal(descriptor.profile, 'tabular-data-package')
  assert.deepEqual(descriptor.resources.map((r) => r.path).sort(), CSV_STEMS.map((s) => CSV_SECTIONS[s].file).sort())
  assert.deepEqual(
    [descriptor.planning_hub.label, descriptor.planning_hub.revision, descriptor.planning_hub.content_hash, descriptor.planning_hub.approved_by],
    ['dp-set', 1, report.content_hash, bob.name],
  )
  const sha = (file: string) =>
    `sha256:${createHash('sha256')
      .update(fs.readFileSync(path.join(dir, file)))
      .digest('hex')}`
  for (const r of descriptor.resources) assert.equal(r.hash, sha(r.path), r.path)
  for (const f of descriptor.planning_hub.files) assert.equal(f.hash, sha(f.path), f.path)
  assert.ok(descriptor.planning_hub.files.some((f) => f.path === 'planning_calendar.json'))
  const demand = descriptor.resources.find((r) => r.name === 'demand_family')!
  assert.deepEqual(demand.schema.primaryKey, ['family', 'period'])
  assert.deepEqual(
    demand.schema.fields.find((f) => f.name === 'demand'),
    { name: 'demand', type: 'number', constraints: { required: true, minimum: 0 } },
  )
  assert.deepEqual(descriptor.resources.find((r) => r.name === 'mix_share')!.schema.foreignKeys, [
    { fields: ['family'], reference: { resource: 'demand_family', fields: ['family'] } },
  ])
  assert.equal(descriptor.resources.find((r) => r.name === 'bom')!.schema.foreignKeys?.length, 2)
  assert.deepEqual(await frictionlessErrors(dir), [])
})

/** Each constrained numeric column with a value that breaks it and one on its boundary. */
function constraintCases(): { stem: (typeof CSV_STEMS)[number]; column: string; bad: string; edge: string; exclusive: boolean }[] {
  const cases = []
  for (const stem of CSV_STEMS) {
    for (const field of CSV_SECTIONS[stem].fields) {
      const exclusive = Boolean(field.minExclusive)
      if (field.min !== undefined)
        cases.push({
          stem,
          column: field.name,
          bad: exclusive ? String(field.min) : String(field.min - 1),
          edge: exclusive ? String(field.min + 0.5) : String(field.min),
          exclusive,
        })
      if (field.max !== undefined) cases.push({ stem, column: field.name, bad: String(field.max + 1), edge: String(field.max), exclusive: false })
    }
  }
  return cases
}

/** The exported files with one cell of `column` in the first data row of `stem`'s file replaced. */
function withCell(exportedFiles: Files, stem: (typeof CSV_STEMS)[number], column: string, value: string): Files {
  const files = { ...exportedFiles }
  const file = CSV_SECTIONS[stem].file
  const [header, first, ...rest] = String(files[file] ?? '')
    .trimEnd()
    .split('\n')
  let columns = header.split(',')
  let cells = first.split(',')
  if (!columns.includes(column)) {
    columns = [...columns, column]
    cells = [...cells, '']
  }
  cells[columns.indexOf(column)] = value
  // Other rows get the column empty (optional columns only reach here).
  const widened = rest.map((line) => (line.split(',').length < columns.length ? `${line},` : line))
  return { ...files, [file]: `${[columns.join(','), cells.join(','), ...widened].join('\n')}\n` }
}

test(`${on} the package's constraints are the importer's: a value breaking one is refused by both, a boundary value passes both`, async () => {
  const { dir } = await exported('dp-set')
  const cases = constraintCases()
  assert.ok(cases.length >= 10, `only ${cases.length} constrained columns`)
  for (const c of cases) {
    for (const [value, refused] of [
      [c.bad, true],
      [c.edge, false],
    ] as const) {
      const files = withCell(readFolder(dir), c.stem, c.column, value)
      const imported = await validate(files, { label: 'dp-check' })
      const importerRefused = imported.issues.some((i) => i.severity === 'error' && i.file === CSV_SECTIONS[c.stem].file && i.column === c.column)
      // The same CSV beside the exported descriptor; its hash is dropped there so only the values are judged.
      const copy = tempDir('datapackage-case-')
      fs.cpSync(dir, copy, { recursive: true })
      fs.writeFileSync(path.join(copy, CSV_SECTIONS[c.stem].file), files[CSV_SECTIONS[c.stem].file])
      const descriptor = JSON.parse(fs.readFileSync(path.join(copy, DATA_PACKAGE_FILE), 'utf8')) as Descriptor
      const resource = descriptor.resources.find((r) => r.path === CSV_SECTIONS[c.stem].file)!
      const changed = resource as Partial<Descriptor['resources'][number]> & { bytes?: number }
      delete changed.hash
      delete changed.bytes
      // An optional column the export left out (nobody filled it in) gets its field from the same derivation.
      if (!resource.schema.fields.some((f) => f.name === c.column))
        resource.schema.fields.push(tableField(CSV_SECTIONS[c.stem].fields.find((f) => f.name === c.column)!))
      fs.writeFileSync(path.join(copy, DATA_PACKAGE_FILE), JSON.stringify(descriptor))
      const problems = await frictionlessErrors(copy)
      const frictionlessRefused = problems.length > 0
      assert.equal(importerRefused, refused, `importer, ${c.stem}.${c.column}=${value}`)
      if (c.exclusive && refused) {
        // exclusiveMinimum is a Table Schema v2 constraint; this library implements v1 and passes it by.
        assert.equal(resource.schema.fields.find((f) => f.name === c.column)?.constraints?.exclusiveMinimum, Number(c.edge) - 0.5, `${c.stem}.${c.column}`)
        continue
      }
      assert.equal(frictionlessRefused, refused, `Frictionless, ${c.stem}.${c.column}=${value}: ${problems.join('; ')}`)
    }
  }
})
