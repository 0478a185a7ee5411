// Runs queued diff and planning impact jobs (docs/diff.md, docs/impact.md): claim → compute the report
// of the two recorded revisions → write the cache file → record the outcome. Called by the background route, after responses that queued a job, and
// by each instance's periodic sweep; never inside a page request.
import os from 'node:os'
import { randomUUID } from 'node:crypto'
import { getSql } from '../db/sql'
import { env } from '../env'
import { NotFoundError } from '../errors'
import { errorFields, logError, logInfo } from '../log'
import type { Counter, Histogram } from 'prom-client'
import { runImpactJob } from '../impact/job'
import { metrics } from '../metrics/registry'
import { writeCachedDiff } from './cache'
import { diffRevisions, JOB_LIST_LIMIT } from './diff'
import { publicFailureReason } from './job-failure'
import { claimNextDiffJob, finishDiffJob, requeueStuckDiffJobs, type DiffJob, type DiffJobKind } from './job-store'
import { pinnedRef, type PinnedPair } from './refs'

/** This process's name in diff_job.worker_id: host, pid and a random part (pids repeat across restarts). */
const PROCESS_WORKER_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

export type WorkerPass = { succeeded: number[]; failed: number[]; requeued: number }

export type WorkerOptions = {
  workerId?: string
  /** Stop claiming new jobs after this long (a job already started always finishes). */
  budgetMs?: number
}

export async function processDiffJobs(o: WorkerOptions = {}): Promise<WorkerPass> {
  const workerId = o.workerId ?? PROCESS_WORKER_ID
  const deadline = Date.now() + (o.budgetMs ?? 60_000)
  const stuck = await requeueStuckDiffJobs(env().DIFF_JOB_TIMEOUT_SECONDS)
  const pass: WorkerPass = { succeeded: [], failed: [], requeued: stuck.requeued }
  for (const job of stuck.failed) reportFailure(job, job.error ?? 'timed out')
  pass.failed.push(...stuck.failed.map((j) => j.id))
  while (Date.now() < deadline) {
    const job = await claimNextDiffJob(workerId)
    if (!job) break
    const ok = await runDiffJob(job, workerId)
    ;(ok ? pass.succeeded : pass.failed).push(job.id)
  }
  return pass
}

/** What a job of each kind computes and writes (returning its duration in ms), and the metrics its outcome goes to. */
const KINDS: Record<DiffJobKind, { run(job: DiffJob, pair: PinnedPair, started: number): Promise<number>; jobs(): Counter<'result'>; duration(): Histogram }> = {
  diff: { run: runDiff, jobs: () => metrics().diffJobs, duration: () => metrics().diffJobDuration },
  impact: { run: runImpactJob, jobs: () => metrics().impactJobs, duration: () => metrics().impactJobDuration },
}

async function runDiff(job: DiffJob, pair: PinnedPair, started: number): Promise<number> {
  const report = await diffRevisions(pair.current, pair.reference, { limit: JOB_LIST_LIMIT })
  Object.assign(report, { label: job.label, against: job.against })
  const durationMs = Math.round(performance.now() - started)
  await writeCachedDiff(pair, { diff_job_id: job.id, generated_at: new Date().toISOString(), duration_ms: durationMs, report })
  return durationMs
}

async function runDiffJob(job: DiffJob, workerId: string): Promise<boolean> {
  const started = performance.now()
  const kind = KINDS[job.kind]
  try {
    // The job computes the revisions it recorded, even if the labels point elsewhere by now:
    // the report then carries the old hashes and is found stale on the next request.
    const durationMs = await kind.run(job, await recordedPair(job), started)
    if (!(await finishDiffJob(job.id, workerId, { status: 'succeeded', durationMs }))) return false
    kind.jobs().inc({ result: 'success' })
    kind.duration().observe(durationMs / 1000)
    logInfo('input_set_diff_job_succeeded', { diff_job_id: job.id, kind: job.kind, label: job.label, against: job.against, duration_ms: durationMs })
    return true
  } catch (err) {
    const durationMs = Math.round(performance.now() - started)
    const reason = publicFailureReason(job.id, err)
    if (await finishDiffJob(job.id, workerId, { status: 'failed', durationMs, error: reason }).catch(() => false)) {
      reportFailure(job, reason, err)
    }
    return false
  }
}

/** The log line has the whole error (message with paths, stack); the job row only the public reason. */
function reportFailure(job: DiffJob, reason: string, err?: unknown): void {
  KINDS[job.kind].jobs().inc({ result: 'failure' })
  logError('input_set_diff_job_failed', {
    diff_job_id: job.id,
    kind: job.kind,
    label: job.label,
    against: job.against,
    attempts: job.attempts,
    public_error: reason,
    ...(err ? errorFields(err) : { error: reason }),
  })
}

/** The job's two revisions by id, as the pinned refs its report is filed under. */
async function recordedPair(job: DiffJob): Promise<PinnedPair> {
  const rows = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('input_set_revision as r')
      .innerJoin('input_set as s', 's.id', 'r.input_set_id')
      .select(['r.id', 'r.number', 's.label'])
      .where('r.id', 'in', [job.currentRevisionId, job.referenceRevisionId])
      .execute(),
  )
  const revision = (id: number) => {
    const row = rows.find((r) => r.id === id)
    if (!row) throw new NotFoundError(`revision ${id} no longer exists`)
    return pinnedRef(row)
  }
  return { current: revision(job.currentRevisionId), reference: revision(job.referenceRevisionId) }
}
