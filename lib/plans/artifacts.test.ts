// A plan's artifacts: planning_input_set.json carries per-section hashes equal to sha256 of the
// files an export of the same revision writes; a write that fails is recorded, counted, logged
// and shown as a warning, and the plan still exists.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { tempDir } from '../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { alice } from '../../test/helpers/input-sets'
import { readySet } from '../../test/helpers/plans'
import { resetEnvCache } from '../env'
import { CSV_SECTIONS } from '../input-sets/bundle/sections'
import { exportInputSet } from '../input-sets/verbs/export'
import { metrics } from '../metrics/registry'
import { artifactDir, openArtifact } from './artifacts'
import { createPlan } from './create-plan'
import { sha256File } from './input-set-manifest'

await useFreshDatabase()
const on = `[${dbLabel()}]`
process.env.DATA_DIR = tempDir('plan-data-')
resetEnvCache()
await readySet('art-a')

const FILE_OF: Record<string, string> = {
  ...Object.fromEntries(Object.values(CSV_SECTIONS).map((d) => [d.stem, d.file])),
  planning_calendar: 'planning_calendar.json',
  planning_params: 'planning_params.json',
}

test(`${on} planning_input_set.json: per-section sha256 equal sha256 of an export of the same revision`, async () => {
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'art-a', actor: alice })
  assert.deepEqual(
    plan.artifacts.map((a) => [a.name, a.status]),
    [
      ['planning_input_set.json', 'written'],
      ['plan_output.json', 'written'],
    ],
  )
  const manifestFile = path.join(artifactDir(plan.id), 'planning_input_set.json')
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
  assert.equal(plan.artifacts[0].sha256, await sha256File(manifestFile))
  assert.deepEqual([manifest.label, manifest.revision, manifest.status, manifest.approved_by], ['art-a', 1, 'ready', 'bob'])
  assert.equal(manifest.content_hash, plan.input_set?.content_hash)
  assert.match(manifest.approved_at, /^\d{4}-\d{2}-\d{2}T/)

  const exported = await exportInputSet({ ref: 'art-a@1', outDir: tempDir('plan-export-'), actor: alice })
  // datapackage.json describes the files; it is not a section.
  const exportedNames = exported.files
    .map((f) => f.name)
    .filter((name) => name !== 'datapackage.json')
    .sort()
  const hashed = Object.entries(manifest.sections as Record<string, { rows: number; sha256: string | null }>).filter(([, s]) => s.sha256 !== null)
  assert.deepEqual(hashed.map(([stem]) => FILE_OF[stem]).sort(), exportedNames)
  for (const [stem, section] of hashed) {
    assert.equal(section.sha256, await sha256File(path.join(exported.dir, FILE_OF[stem])), stem)
    assert.equal(section.rows, exported.files.find((f) => f.name === FILE_OF[stem])!.rows, stem)
  }
  assert.deepEqual(manifest.sections.bom, { rows: 0, sha256: null })

  const output = JSON.parse(fs.readFileSync(path.join(artifactDir(plan.id), 'plan_output.json'), 'utf8'))
  assert.deepEqual(
    output.periods.map((p: { supply: number }) => p.supply),
    [150, 0, 270],
  )
  const download = await openArtifact(plan.id, 'plan_output.json')
  download.stream.destroy()
  assert.equal(download.sha256, plan.artifacts[1].sha256)
})

test(`${on} an artifact folder that cannot be made: failed rows with the error, counter per artifact, JSON log line, warnings`, async () => {
  const dataDir = tempDir('plan-broken-')
  // A file where the artifacts folder should be.
  fs.writeFileSync(path.join(dataDir, 'artifacts'), 'not a folder')
  process.env.DATA_DIR = dataDir
  resetEnvCache()
  const before = await counts()
  const lines: string[] = []
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  }) as typeof process.stderr.write
  let plan
  try {
    plan = await createPlan({ configVersionId: 1, inputSetLabel: 'art-a', actor: alice })
  } finally {
    process.stderr.write = write
  }
  assert.deepEqual(
    plan.artifacts.map((a) => [a.name, a.status, a.sha256]),
    [
      ['planning_input_set.json', 'failed', null],
      ['plan_output.json', 'failed', null],
    ],
  )
  assert.match(plan.artifacts[0].error ?? '', /ENOTDIR|EEXIST|not a directory/i)
  const after = await counts()
  assert.equal(after['planning_input_set.json'] - (before['planning_input_set.json'] ?? 0), 1)
  assert.equal(after['plan_output.json'] - (before['plan_output.json'] ?? 0), 1)
  const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.event === 'plan_artifact_write_failed')
  assert.deepEqual(
    logged.map((l) => [l.plan_id, l.artifact]),
    [
      [plan.id, 'planning_input_set.json'],
      [plan.id, 'plan_output.json'],
    ],
  )
  assert.deepEqual(
    plan.warnings.map((w) => w.kind),
    ['artifact_failed', 'artifact_failed'],
  )
  await assert.rejects(openArtifact(plan.id, 'plan_output.json'), /could not be written/)
})

async function counts(): Promise<Record<string, number>> {
  const metric = await metrics().artifactWriteErrors.get()
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.artifact), v.value]))
}
