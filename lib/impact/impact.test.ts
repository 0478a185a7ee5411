// The planning impact (docs/impact.md) of a draft whose capacity is tight enough to carry
// backlog, made by the background job, equals the impact computed in the test straight from
// the CSVs; the job is cached beside the diff reports, counted, and shares no job with the diff.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { reader } from '../../test/helpers/access'
import { tempDir } from '../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { expectedImpact, expectedPlan, impactDraftFiles } from '../../test/helpers/impact'
import { planFiles, readySet } from '../../test/helpers/plans'
import { cacheDir } from '../diff/cache'
import { requestDiff } from '../diff/request'
import { processDiffJobs } from '../diff/worker'
import { resetEnvCache } from '../env'
import { parseInputSetRef } from '../input-sets/labels'
import { metrics } from '../metrics/registry'
import { requestImpact, type ImpactState } from './request'

await useFreshDatabase()
const on = `[${dbLabel()}]`
process.env.DIFF_CACHE_DIR = tempDir('impact-cache-')
resetEnvCache()
const who = { requestedBy: 'tester' }
const refs = { current: parseInputSetRef('imp@draft'), against: parseInputSetRef('imp', 'against') }
const MONTHS = ['2025-01', '2025-02', '2025-03']

await readySet('imp')
await readySet('imp', impactDraftFiles(), { approve: false })

async function successes(): Promise<number> {
  const { values } = await metrics().impactJobs.get()
  return values.find((v) => v.labels.result === 'success')?.value ?? 0
}

async function ready(): Promise<Extract<ImpactState, { state: 'ready' }>> {
  const state = await requestImpact(reader, refs, who)
  if (state.state !== 'ready') throw new Error(`impact not ready: ${state.state}`)
  return state
}

test(`${on} the job's report equals the impact computed from the CSVs (backlog carried, newly short items, a period in one plan only)`, async () => {
  const before = await successes()
  const queued = await requestImpact(reader, refs, who)
  assert.equal(queued.state, 'queued')
  const pass = await processDiffJobs()
  assert.deepEqual(pass.succeeded, [queued.state === 'queued' ? queued.job.id : -1])
  assert.equal(await successes(), before + 1)

  const { report } = (await ready()).cached
  const expected = expectedImpact(expectedPlan(impactDraftFiles(), MONTHS), expectedPlan(planFiles(), MONTHS))
  assert.deepEqual(report.summary, expected.summary)
  assert.deepEqual(report.periods, expected.periods)
  assert.deepEqual(report.items, expected.items)
  // The bundle is what the name says: backlog is carried, items go short, one period is the draft's alone.
  assert.ok(report.summary.current.ending_backlog > 0, 'the draft carries backlog to the end')
  assert.ok(
    report.items.some((i) => i.change === 'newly_short'),
    'an item is newly short',
  )
  assert.deepEqual(
    report.periods.filter((p) => p.in !== 'both').map((p) => [p.period, p.in, p.reference, p.delta]),
    [['2025-04', 'current', null, null]],
  )
  assert.deepEqual(report.limits, { utilisation: { value: 0.95, source: 'default' }, backlog: { value: 0, source: 'default' } })
})

test(`${on} the report is cached beside the diff reports, under the two revisions`, async () => {
  await ready()
  assert.ok(fs.existsSync(path.join(cacheDir(), 'impact', 'imp@2__imp@1.json')))
})

test(`${on} an impact job and a diff job of the same pair are separate jobs, both queued at once`, async () => {
  await readySet('imp-other')
  const pair = { current: parseInputSetRef('imp@draft'), against: parseInputSetRef('imp-other', 'against') }
  const diff = await requestDiff(reader, pair, who)
  const impact = await requestImpact(reader, pair, who)
  assert.ok(impact.state === 'queued' && diff.state === 'queued', 'both queued')
  assert.notEqual(impact.job.id, diff.job.id)
  assert.deepEqual([impact.job.kind, diff.job.kind], ['impact', 'diff'])
  assert.equal((await requestImpact(reader, pair, who)).state, 'queued', 'asking again returns the queued impact job')
  const pass = await processDiffJobs()
  assert.deepEqual(pass.succeeded.sort(), [diff.job.id, impact.job.id].sort())
})
