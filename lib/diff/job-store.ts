// Diff job records (docs/diff.md). Every state change is one conditional UPDATE, so two workers
// (threads, processes or app instances on one PostgreSQL) can never both take or finish a job:
// the one whose UPDATE changes the row wins, the other sees 0 rows and moves on.
import type { DiffJobKind, DiffJobStatus } from '../db/generated/kysely/types'
import { ONE_ROW } from '../db/query'
import { getSql, type SqlConn } from '../db/sql'
import { formatRef } from '../input-sets/labels'
import type { PinnedPair } from './refs'

export type { DiffJobKind, DiffJobStatus }

/** A running job is retried this many times after its worker died, then marked failed. */
export const MAX_DIFF_JOB_ATTEMPTS = 3

export type DiffJob = {
  id: number
  /** What the job writes: a diff report, or a planning impact report (lib/impact). */
  kind: DiffJobKind
  /** The pair as stored (`label@N`, `against@M`); code takes the pair as a PinnedPair. */
  label: string
  against: string
  currentRevisionId: number
  referenceRevisionId: number
  currentHash: string
  referenceHash: string
  status: DiffJobStatus
  attempts: number
  requestedBy: string
  workerId: string | null
  createdAt: Date
  startedAt: Date | null
  finishedAt: Date | null
  durationMs: number | null
  error: string | null
}

export type NewDiffJob = { pair: PinnedPair } & Pick<DiffJob, 'kind' | 'currentRevisionId' | 'referenceRevisionId' | 'currentHash' | 'referenceHash' | 'requestedBy'>

/** The pair's columns: its two revisions as `label@N`, so one pair has one active job whatever refs named it. */
function stored(pair: PinnedPair): { label: string; against: string } {
  return { label: formatRef(pair.current), against: formatRef(pair.reference) }
}

/** The job's columns under the names DiffJob gives them; timestamps keep a timestamp column's name. */
const JOB_COLUMNS = [
  'id',
  'kind',
  'label',
  'against',
  'current_revision_id as currentRevisionId',
  'reference_revision_id as referenceRevisionId',
  'current_hash as currentHash',
  'reference_hash as referenceHash',
  'status',
  'attempts',
  'requested_by as requestedBy',
  'worker_id as workerId',
  'created_at as createdAt',
  'started_at as startedAt',
  'finished_at as finishedAt',
  'duration_ms as durationMs',
  'error',
] as const

function selectJobs(conn: SqlConn) {
  return conn.db.selectFrom('diff_job').select(JOB_COLUMNS)
}

/** Rows an UPDATE changed: 1 means this caller won the conditional update, 0 that another one did. */
function changedRows(result: { numUpdatedRows: bigint }): number {
  return Number(result.numUpdatedRows)
}

export async function getDiffJob(id: number): Promise<DiffJob | undefined> {
  return getSql().withConnection((conn) => selectJobs(conn).where('id', '=', id).executeTakeFirst())
}

/** The newest job of a kind for a pair of revisions, whatever its status. */
export async function latestDiffJob(kind: DiffJobKind, pair: PinnedPair): Promise<DiffJob | undefined> {
  const { label, against } = stored(pair)
  return getSql().withConnection((conn) =>
    selectJobs(conn).where('kind', '=', kind).where('label', '=', label).where('against', '=', against).orderBy('id', 'desc').limit(ONE_ROW).executeTakeFirst(),
  )
}

async function activeJob(conn: SqlConn, kind: DiffJobKind, label: string, against: string): Promise<DiffJob | undefined> {
  return selectJobs(conn)
    .where('kind', '=', kind)
    .where('label', '=', label)
    .where('against', '=', against)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst()
}

/**
 * Queues a job of its kind for the pair unless one is queued or running already, and returns that one.
 * The partial unique index diff_job_one_active makes concurrent calls collapse into one job.
 */
export async function enqueueDiffJob(job: NewDiffJob): Promise<{ job: DiffJob; created: boolean }> {
  const { label, against } = stored(job.pair)
  return getSql().transaction(async (conn) => {
    const inserted = await conn.db
      .insertInto('diff_job')
      .values({
        kind: job.kind,
        label,
        against,
        current_revision_id: job.currentRevisionId,
        reference_revision_id: job.referenceRevisionId,
        current_hash: job.currentHash,
        reference_hash: job.referenceHash,
        status: 'queued',
        requested_by: job.requestedBy,
        created_at: new Date(),
      })
      // A conflict means the pair has an active job already (diff_job_one_active); it is returned below.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirstOrThrow()
    const active = await activeJob(conn, job.kind, label, against)
    if (!active) throw new Error(`${job.kind} job for ${label} against ${against} was neither inserted nor found`)
    return { job: active, created: Number(inserted.numInsertedOrUpdatedRows) === 1 }
  })
}

/** Takes the oldest queued job for workerId, or returns undefined when there is none. */
export async function claimNextDiffJob(workerId: string): Promise<DiffJob | undefined> {
  return getSql().transaction(async (conn) => {
    const candidates = await conn.db.selectFrom('diff_job').select('id').where('status', '=', 'queued').orderBy('id').limit(5).execute()
    for (const { id } of candidates) {
      const taken = await conn.db
        .updateTable('diff_job')
        .set((eb) => ({ status: 'running', worker_id: workerId, started_at: new Date(), attempts: eb('attempts', '+', 1), error: null }))
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .executeTakeFirstOrThrow()
      if (changedRows(taken) === 1) return selectJobs(conn).where('id', '=', id).executeTakeFirstOrThrow()
    }
    return undefined
  })
}

/** Records the outcome; false when the job is no longer this worker's (re-queued meanwhile). */
export async function finishDiffJob(
  id: number,
  workerId: string,
  outcome: { status: 'succeeded' | 'failed'; durationMs: number; error?: string },
): Promise<boolean> {
  const changed = await getSql().transaction((conn) =>
    conn.db
      .updateTable('diff_job')
      .set({ status: outcome.status, finished_at: new Date(), duration_ms: outcome.durationMs, error: outcome.error ?? null })
      .where('id', '=', id)
      .where('worker_id', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow(),
  )
  return changedRows(changed) === 1
}

/**
 * Running jobs whose worker has not finished them within the timeout are taken to belong to
 * a dead process: queued again, or failed once they have used up their attempts.
 */
export async function requeueStuckDiffJobs(timeoutSeconds: number): Promise<{ requeued: number; failed: DiffJob[] }> {
  const cutoff = new Date(Date.now() - timeoutSeconds * 1000)
  const error = `the worker stopped ${MAX_DIFF_JOB_ATTEMPTS} times before finishing (timeout ${timeoutSeconds} s)`
  return getSql().transaction(async (conn) => {
    const exhausted = await selectJobs(conn)
      .where('status', '=', 'running')
      .where('started_at', '<', cutoff)
      .where('attempts', '>=', MAX_DIFF_JOB_ATTEMPTS)
      .execute()
    const failed: DiffJob[] = []
    for (const job of exhausted) {
      const changed = await conn.db
        .updateTable('diff_job')
        .set({ status: 'failed', finished_at: new Date(), error })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .executeTakeFirstOrThrow()
      if (changedRows(changed)) failed.push({ ...job, status: 'failed', error })
    }
    const requeued = changedRows(
      await conn.db
        .updateTable('diff_job')
        .set({ status: 'queued', worker_id: null })
        .where('status', '=', 'running')
        .where('started_at', '<', cutoff)
        .executeTakeFirstOrThrow(),
    )
    return { requeued, failed }
  })
}
