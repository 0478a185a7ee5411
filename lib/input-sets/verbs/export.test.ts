// Export is deterministic and lossless: export → import yields the identical content
// hash for both reference bundles, including item, BOM, calendar and params.
import { reader } from '../../../test/helpers/access'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { REFERENCE, tempDir, variantOf } from '../../../test/helpers/fixtures'
import { alice, importDir } from '../../../test/helpers/input-sets'
import { listEvents } from '../queries/events'
import { exportInputSet } from './export'

await useFreshDatabase()
const on = `[${dbLabel()}]`

for (const [name, dir] of Object.entries(REFERENCE)) {
  test(`${on} ${name}: export → import gives the identical content hash (folder and zip)`, async () => {
    const original = await importDir(dir, `rt-${name}`)
    assert.equal(original.report.ok, true)
    const out = tempDir('export-')
    const exported = await exportInputSet({ ref: `rt-${name}`, outDir: out, actor: alice, zip: true })
    assert.equal(exported.content_hash, original.report.content_hash)
    const fromFolder = await importDir(exported.dir, `rt-${name}-folder`)
    const fromZip = await importDir(exported.zip!, `rt-${name}-zip`)
    assert.equal(fromFolder.report.content_hash, original.report.content_hash)
    assert.equal(fromZip.report.content_hash, original.report.content_hash)
    assert.deepEqual(fromFolder.report.files, original.report.files)
  })
}

test(`${on} exporting the same revision twice gives byte-identical files and zip`, async () => {
  const [a, b] = [tempDir('export-'), tempDir('export-')]
  const first = await exportInputSet({ ref: 'rt-planning', outDir: a, actor: alice, zip: true })
  const second = await exportInputSet({ ref: 'rt-planning', outDir: b, actor: alice, zip: true })
  assert.deepEqual(fs.readdirSync(first.dir).sort(), fs.readdirSync(second.dir).sort())
  for (const f of fs.readdirSync(first.dir)) {
    assert.ok(fs.readFileSync(path.join(first.dir, f)).equals(fs.readFileSync(path.join(second.dir, f))), f)
  }
  assert.ok(fs.readFileSync(first.zip!).equals(fs.readFileSync(second.zip!)))
  assert.deepEqual(first.files.map((f) => f.name).sort(), [
    'bom.csv',
    'capacity.csv',
    'datapackage.json',
    'demand_family.csv',
    'inventory.csv',
    'item.csv',
    'mix_share.csv',
    'open_po.csv',
    'period_cost.csv',
    'period_score.csv',
    'planning_calendar.json',
    'planning_params.json',
  ])
})

test(`${on} unknown columns, quoting and optional columns survive the round trip`, async () => {
  const dir = variantOf(REFERENCE.planning, {
    'demand_family.csv': 'demand,family,period,note\n100.0,"F,1",2025-01,"said ""hi"""\n120,F2,2025-02, padded \n',
    'open_po.csv': 'item,due,qty,po_id,source_node\nCOMP1,2025-01-10,100,PO-1,\nCOMP1,2025-01-10,5,PO-2,S1\n',
  })
  const original = await importDir(dir, 'rt-odd')
  assert.equal(original.report.ok, true, JSON.stringify(original.report.issues))
  const exported = await exportInputSet({ ref: 'rt-odd', outDir: tempDir('export-'), actor: alice })
  const demand = fs.readFileSync(path.join(exported.dir, 'demand_family.csv'), 'utf8')
  assert.equal(demand, 'family,period,demand,note\n"F,1",2025-01,100,"said ""hi"""\nF2,2025-02,120," padded "\n')
  const again = await importDir(exported.dir, 'rt-odd-again')
  assert.equal(again.report.content_hash, original.report.content_hash)
})

test(`${on} --include-meta adds meta.json; every export writes an export event`, async () => {
  const exported = await exportInputSet({ ref: 'rt-weekly', outDir: tempDir('export-'), actor: alice, includeMeta: true })
  const meta = JSON.parse(fs.readFileSync(path.join(exported.dir, 'meta.json'), 'utf8'))
  assert.equal(meta.label, 'rt-weekly')
  assert.equal(meta.canonical_sample_name, 'multi_node_sample_3Mths.json')
  const { events } = await listEvents(reader, 'rt-weekly')
  assert.equal(events[0].action, 'export')
  assert.equal(events[0].metadata?.content_hash, exported.content_hash)
})
