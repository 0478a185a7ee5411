// Diff jobs and their cache (docs/diff.md): queuing collapses into one job, workers claim
// atomically, reports are cached with both hashes, stale and deleted caches regenerate,
// failures are recorded, counted and logged, stuck jobs are re-queued.
import { reader } from '../../test/helpers/access'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, test } from 'node:test'
import { cli } from '../../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { REFERENCE, tempDir, variantOf } from '../../test/helpers/fixtures'
import { bob, count, importDir } from '../../test/helpers/input-sets'
import { getSql } from '../db/sql'
import { resetEnvCache } from '../env'
import { reviewInputSet } from '../input-sets/verbs/review'
import { metrics } from '../metrics/registry'
import { cachePath } from './cache'
import { claimNextDiffJob, getDiffJob, MAX_DIFF_JOB_ATTEMPTS } from './job-store'
import { formatRef, parseInputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow } from '../input-sets/store/resolve'
import { diffReferences, referenceOrThrow } from './reference'
import { pinnedRef, type PinnedPair } from './refs'
import { requestDiff, type DiffState } from './request'
import { processDiffJobs } from './worker'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const who = { requestedBy: 'tester' }
const refs = (current: string, against: string) => ({ current: parseInputSetRef(current), against: parseInputSetRef(against, 'against') })

/** The two revisions `current` and `against` name now, without queuing anything. */
async function pinnedPair(current: string, against: string): Promise<PinnedPair> {
  const r = refs(current, against)
  return getSql().withConnection(async (conn) => ({
    current: pinnedRef(await resolveRevisionOrThrow(conn, r.current)),
    reference: pinnedRef(await resolveRevisionOrThrow(conn, r.against)),
  }))
}

function useCacheDir(dir: string): void {
  process.env.DIFF_CACHE_DIR = dir
  resetEnvCache()
}

async function counter(
  c: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await c.get()
  return values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((s, v) => s + v.value, 0)
}

const cacheDirOf = (state: DiffState) => path.dirname(cachePath(state.pair))

function jobIdOf(state: DiffState): number | undefined {
  return state.state === 'ready' ? undefined : state.job.id
}

/** Runs `body` with stderr captured; returns the JSON log lines written meanwhile. */
async function stderrLines(body: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = []
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write
  try {
    await body()
  } finally {
    process.stderr.write = write
  }
  return lines.map((l) => JSON.parse(l))
}

async function approve(label: string): Promise<void> {
  await reviewInputSet({ ref: `${label}@draft`, action: 'approve', actor: bob, comment: 'ok' })
}

const DEMAND = 'family,period,demand\nF1,2025-01,100\nF1,2025-02,120\nF2,2025-01,80\n'
await importDir(variantOf(REFERENCE.planning, { 'demand_family.csv': DEMAND }), 'base')
await approve('base')
await importDir(variantOf(REFERENCE.planning, { 'demand_family.csv': DEMAND.replace('120', '125') }), 'next')
await approve('next')

beforeEach(async () => {
  useCacheDir(tempDir('diff-cache-'))
  // Each test starts without jobs, so "the pair's job" is unambiguous.
  await getSql().transaction((c) => c.run('DELETE FROM diff_job'))
})

test(`${on} a request queues one job; repeated and concurrent requests return that same job`, async () => {
  const first = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(first.state, 'queued')
  const again = await Promise.all(Array.from({ length: 10 }, () => requestDiff(reader, refs('next', 'base'), who)))
  for (const s of again) assert.equal(jobIdOf(s), jobIdOf(first))
  assert.equal(await count(`SELECT COUNT(*) AS n FROM diff_job`), 1)
})

test(`${on} the worker writes the report atomically with both hashes; the next request is a cache hit`, async () => {
  const queued = await requestDiff(reader, refs('next', 'base'), who)
  const hits = await counter(metrics().diffCacheHits)
  const pass = await processDiffJobs()
  assert.equal(pass.succeeded.length, 1)
  const file = cachePath(queued.pair)
  assert.equal(path.basename(file), 'next@1__base@1.json', 'filed under the two revisions')
  assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)], 'no temp file left behind')
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
  assert.equal(doc.diff_job_id, pass.succeeded[0])
  assert.equal(doc.report.summary.sections.demand_family.changed, 1)
  const ready = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(ready.state, 'ready')
  assert.equal(ready.state === 'ready' && ready.cached.report.revisions.current.content_hash, doc.report.revisions.current.content_hash)
  assert.equal(await counter(metrics().diffCacheHits), hits + 1)
  assert.equal((await getDiffJob(pass.succeeded[0]))?.status, 'succeeded')
})

test(`${on} two workers and one job: exactly one runs it`, async () => {
  const queued = await requestDiff(reader, refs('next', 'base'), who)
  const successes = await counter(metrics().diffJobs, { result: 'success' })
  const [a, b] = await Promise.all([processDiffJobs({ workerId: 'worker-a' }), processDiffJobs({ workerId: 'worker-b' })])
  assert.equal(a.succeeded.length + b.succeeded.length, 1)
  const job = await getDiffJob(queued.state !== 'ready' ? queued.job.id : -1)
  assert.equal(job?.attempts, 1)
  assert.equal(await counter(metrics().diffJobs, { result: 'success' }), successes + 1)
})

test(`${on} a report whose hashes no longer match its revisions (an earlier database) is stale: counted once and regenerated`, async () => {
  const queued = await requestDiff(reader, refs('next', 'base'), who)
  await processDiffJobs()
  const file = cachePath(queued.pair)
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
  doc.report.revisions.current.content_hash = 'f'.repeat(64)
  fs.writeFileSync(file, JSON.stringify(doc))
  const stale = await counter(metrics().diffCacheStale)
  const state = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(state.state, 'queued')
  assert.equal(state.state === 'queued' && state.stale, true)
  await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(await counter(metrics().diffCacheStale), stale + 1, 'counted per regeneration, not per request')
  await processDiffJobs()
  assert.equal((await requestDiff(reader, refs('next', 'base'), who)).state, 'ready')
})

test(`${on} a label that moves to a new revision is a new pair; the old pair's report still serves its revisions`, async () => {
  const before = await requestDiff(reader, refs('next', 'base'), who)
  await processDiffJobs()
  await importDir(variantOf(REFERENCE.planning, { 'demand_family.csv': DEMAND.replace('120', '130') }), 'next')
  await approve('next')
  const moved = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(moved.state, 'queued')
  assert.equal(moved.state === 'queued' && moved.stale, false, 'not stale: another pair')
  assert.deepEqual(moved.pair, { current: { label: 'next', kind: 'number', number: 2 }, reference: { label: 'base', kind: 'number', number: 1 } })
  const old = await requestDiff(reader, refs(`next@${before.pair.current.number}`, 'base'), who)
  assert.equal(old.state, 'ready', 'next@1 against base is still cached')
  await processDiffJobs()
  const ready = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(ready.state, 'ready')
  const change = ready.state === 'ready' ? ready.cached.report.sections.demand_family.changed[0] : undefined
  assert.deepEqual(change?.fields.demand, { previous: 120, current: 130, delta: 10, relative: 10 / 120, within_tolerance: false })
})

test(`${on} deleting the cache file forces regeneration`, async () => {
  const queued = await requestDiff(reader, refs('next', 'base'), who)
  await processDiffJobs()
  fs.rmSync(cachePath(queued.pair))
  const state = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(state.state, 'queued')
  assert.equal(state.state === 'queued' && state.stale, false)
})

test(`${on} a failing job is marked failed, counted and logged with its id; it is shown until retried`, async () => {
  const blocker = path.join(tempDir('diff-cache-'), 'a-file')
  fs.writeFileSync(blocker, 'not a folder')
  useCacheDir(blocker)
  const queued = await requestDiff(reader, refs('next', 'base'), who)
  const id = queued.state === 'queued' ? queued.job.id : -1
  const failures = await counter(metrics().diffJobs, { result: 'failure' })
  const lines = await stderrLines(async () => {
    assert.deepEqual((await processDiffJobs()).failed, [id])
  })
  const logged = lines.find((l) => l.event === 'input_set_diff_job_failed')
  assert.equal(logged?.diff_job_id, id)
  assert.equal(logged?.label, formatRef(queued.pair.current), 'named by the revisions it compares')
  assert.match(String(logged?.error), /ENOTDIR|EEXIST|not a directory/i)
  assert.ok(String(logged?.error).includes(blocker), 'the log has the path')
  assert.equal(await counter(metrics().diffJobs, { result: 'failure' }), failures + 1)
  const job = await getDiffJob(id)
  assert.equal(job?.status, 'failed')
  assert.match(job?.error ?? '', new RegExp(`^error (ENOTDIR|EEXIST); the server log has the details \\(event input_set_diff_job_failed, diff_job_id ${id}\\)$`))
  const shown = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(shown.state, 'failed', 'not silently re-queued on every view')
  const retried = await requestDiff(reader, refs('next', 'base'), { ...who, retry: true })
  assert.equal(retried.state, 'queued')
  assert.notEqual(retried.state === 'queued' && retried.job.id, id)
})

test(`${on} a directory where the cache file should be: read as missing and logged once by name; the job's error holds neither path nor pid`, async () => {
  const file = cachePath(await pinnedPair('next', 'base'))
  fs.mkdirSync(file, { recursive: true })
  let id = -1
  const logged = await stderrLines(async () => {
    const queued = await requestDiff(reader, refs('next', 'base'), who)
    assert.equal(queued.state, 'queued')
    id = queued.state === 'queued' ? queued.job.id : -1
    assert.equal((await requestDiff(reader, refs('next', 'base'), who)).state, 'queued')
    assert.deepEqual((await processDiffJobs()).failed, [id])
  })
  const unreadable = logged.filter((l) => l.event === 'input_set_diff_cache_unreadable')
  assert.deepEqual(
    unreadable.map((l) => [l.file, l.reason]),
    [[path.basename(file), 'not a regular file']],
    'once, by its name in the cache folder',
  )
  const failure = logged.find((l) => l.event === 'input_set_diff_job_failed')
  assert.match(String(failure?.error), /EISDIR/)
  assert.ok(String(failure?.error).includes(file), 'the log has the path')
  const job = await getDiffJob(id)
  assert.equal(job?.error, `error EISDIR; the server log has the details (event input_set_diff_job_failed, diff_job_id ${id})`)
  assert.equal(failure?.public_error, job?.error)
  const shown = await requestDiff(reader, refs('next', 'base'), who)
  assert.equal(shown.state, 'failed')
})

test(`${on} a job left running by a dead worker is re-queued, and failed after ${MAX_DIFF_JOB_ATTEMPTS} attempts`, async () => {
  await requestDiff(reader, refs('next', 'base'), who)
  const claimed = await claimNextDiffJob('dead-worker')
  assert.ok(claimed)
  const longAgo = new Date(Date.now() - 3600_000)
  await getSql().transaction((c) => c.run(`UPDATE diff_job SET started_at = ? WHERE id = ?`, [longAgo, claimed.id]))
  const pass = await processDiffJobs({ workerId: 'live-worker' })
  assert.equal(pass.requeued, 1)
  assert.deepEqual(pass.succeeded, [claimed.id])
  assert.equal((await getDiffJob(claimed.id))?.attempts, 2)

  const retried = await requestDiff(reader, refs('next', 'base'), { ...who, retry: true })
  fs.rmSync(cachePath(retried.pair))
  const again = await requestDiff(reader, refs('next', 'base'), who)
  const id = again.state === 'queued' ? again.job.id : -1
  await getSql().transaction((c) =>
    c.run(`UPDATE diff_job SET status = 'running', worker_id = 'dead', attempts = ?, started_at = ? WHERE id = ?`, [MAX_DIFF_JOB_ATTEMPTS, longAgo, id]),
  )
  assert.deepEqual((await processDiffJobs()).failed, [id])
  assert.match((await getDiffJob(id))?.error ?? '', /stopped 3 times/)
})

/** Imports a variant of the planning bundle as a new revision of `label`; approves it unless told not to. */
async function revision(label: string, demand: string, approved = true): Promise<void> {
  await importDir(variantOf(REFERENCE.planning, { 'demand_family.csv': demand }), label)
  if (approved) await approve(label)
}

const reason = async (ref: string) => (await diffReferences(reader, parseInputSetRef(ref))).fallback.reason
const defaultOf = async (ref: string) => {
  const { fallback } = await diffReferences(reader, parseInputSetRef(ref))
  return fallback.ref && formatRef(fallback.ref)
}

test(`${on} the default reference: a draft's is its label's ready revision; a ready revision's the label's previous ready one; never another label`, async () => {
  await revision('multi', DEMAND)
  await revision('multi', DEMAND.replace('100', '101'))
  await revision('multi', DEMAND.replace('100', '102'), false)
  assert.equal(await defaultOf('multi@draft'), 'multi', 'the label names its ready revision, r2')
  assert.equal(await defaultOf('multi@3'), 'multi', 'a draft named by number')
  assert.equal(await defaultOf('multi'), 'multi@1', 'the label is its ready revision r2')
  assert.equal(await defaultOf('multi@2'), 'multi@1')
  assert.equal(await defaultOf('multi@1'), undefined, 'the first ready revision: base, also ready, is not a default')
  assert.equal(await reason('multi@1'), "Nothing to compare 'multi@1' against by default: multi has no ready revision before r1.")
  assert.equal(formatRef(await referenceOrThrow(reader, parseInputSetRef('multi'), undefined, 'x')), 'multi@1')
  assert.equal(formatRef(await referenceOrThrow(reader, parseInputSetRef('multi'), parseInputSetRef('base@1'), 'x')), 'base@1', 'a named reference wins')

  await revision('lonely', DEMAND, false)
  assert.equal(await reason('lonely@draft'), "Nothing to compare 'lonely@draft' (r1) against by default: it is a draft and lonely has no ready revision.")
  await assert.rejects(
    referenceOrThrow(reader, parseInputSetRef('lonely'), undefined, 'Pass ?against=<label or label@N>.'),
    (err: Error & { code?: string; details?: unknown }) =>
      err.code === 'no_reference' &&
      err.message === "Nothing to compare 'lonely' (r1) against by default: it is a draft and lonely has no ready revision. Pass ?against=<label or label@N>." &&
      JSON.stringify(err.details) === JSON.stringify({ field: 'against' }),
  )
})

test(`${on} the picker lists the label's own revisions first, newest first, then other labels' ready revisions`, async () => {
  const { choices } = await diffReferences(reader, parseInputSetRef('multi@draft'))
  assert.deepEqual(
    choices.filter((c) => c.same_label).map((c) => [c.ref, c.status]),
    [
      ['multi@2', 'ready'],
      ['multi@1', 'superseded'],
    ],
  )
  const firstOther = choices.findIndex((c) => !c.same_label)
  assert.equal(firstOther, 2, 'own revisions before any other label')
  assert.ok(choices.slice(firstOther).every((c) => !c.same_label && c.status === 'ready' && c.ref === c.label))
  assert.ok(choices.some((c) => c.ref === 'base'))
})

test(`${on} export --diff diffs the exported revision against the default reference; with none it exits 2 saying why, writing nothing`, () => {
  const out = tempDir('export-diff-')
  const ok = cli('export_planning_inputs', ['--label', 'multi@draft', '-o', out, '--diff'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.match(ok.stdout, /^Diff against multi written to .*diff_report\.json$/m)
  const report = JSON.parse(fs.readFileSync(path.join(out, 'diff_report.json'), 'utf8'))
  assert.deepEqual([report.revisions.current.revision, report.revisions.reference.revision], [3, 2])

  const none = tempDir('export-diff-')
  const refused = cli('export_planning_inputs', ['--label', 'multi@1', '-o', none, '--diff'])
  assert.equal(refused.code, 2)
  assert.equal(
    refused.stderr.trim(),
    "error: Nothing to compare 'multi@1' against by default: multi has no ready revision before r1. Pass --diff-against <label or label@N>.",
  )
  assert.deepEqual(fs.readdirSync(none), [])
  const both = cli('export_planning_inputs', ['--label', 'multi', '-o', none, '--diff', '--diff-against', 'base'])
  assert.equal(both.code, 2)
  assert.match(both.stderr, /--diff-against L2 or --diff/)
})

test(`${on} refs naming the same two revisions share one job and one cached report`, async () => {
  const first = await requestDiff(reader, refs('multi@draft', 'multi'), who)
  assert.equal(first.state, 'queued')
  const spelled = await requestDiff(reader, refs('multi@3', 'multi@2'), who)
  assert.equal(jobIdOf(spelled), jobIdOf(first), 'the queued job is shared')
  await processDiffJobs()
  const hits = await counter(metrics().diffCacheHits)
  for (const [current, against] of [
    ['multi@3', 'multi@2'],
    ['multi@draft', 'multi@2'],
    ['multi@draft', 'multi'],
  ]) {
    const state = await requestDiff(reader, refs(current, against), who)
    assert.equal(state.state, 'ready', `${current} against ${against}`)
    assert.equal(state.state === 'ready' && state.cached.diff_job_id, jobIdOf(first))
  }
  assert.equal(await counter(metrics().diffCacheHits), hits + 3, 'three cache hits')
  assert.equal(await count(`SELECT COUNT(*) AS n FROM diff_job`), 1, 'no second job')
  assert.deepEqual(fs.readdirSync(cacheDirOf(first)), ['multi@3__multi@2.json'])
})

test(`${on} show_diff_job prints a job by the id the log lines name; an unknown id exits 4, a bad one 2`, async () => {
  const queued = await requestDiff(reader, refs('next', 'base'), who)
  const id = jobIdOf(queued)!
  const shown = cli('show_diff_job', ['--id', String(id)])
  assert.equal(shown.code, 0, shown.stderr)
  // The job is stored under the two revisions it compares.
  const [label, against] = [formatRef(queued.pair.current), formatRef(queued.pair.reference)]
  assert.match(shown.stdout, new RegExp(`^diff job ${id}: ${label} against ${against} · queued · attempt 0$`, 'm'))
  assert.match(shown.stdout, /requested by tester at \d{4}-\d\d-\d\dT/)
  const json = JSON.parse(cli('show_diff_job', ['--id', String(id), '--json']).stdout) as { id: number; status: string; label: string }
  assert.deepEqual([json.id, json.status, json.label], [id, 'queued', label])
  const missing = cli('show_diff_job', ['--id', '999999'])
  assert.equal(missing.code, 4)
  assert.match(missing.stderr, /Diff job 999999 not found/)
  assert.equal(cli('show_diff_job', ['--id', 'x']).code, 2)
})
