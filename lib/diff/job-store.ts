// Diff job records (SPEC §6). Every state change is one conditional UPDATE, so two workers
// (threads, processes or app instances on one PostgreSQL) can never both take or finish a job:
// the one whose UPDATE changes the row wins, the other sees 0 rows and moves on.
import { getSql, type SqlConn } from '../db/sql'
import { dbTime } from '../db/time'

export type DiffJobStatus = 'queued' | 'running' | 'succeeded' | 'failed'

/** A running job is retried this many times after its worker died, then marked failed. */
export const MAX_DIFF_JOB_ATTEMPTS = 3

export type DiffJob = {
  id: number
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

export type NewDiffJob = Pick<DiffJob, 'label' | 'against' | 'currentRevisionId' | 'referenceRevisionId' | 'currentHash' | 'referenceHash' | 'requestedBy'>

const COLUMNS = `id, label, against, current_revision_id, reference_revision_id, current_hash, reference_hash, status,
  attempts, requested_by, worker_id, created_at, started_at, finished_at, duration_ms, error`

function toJob(row: Record<string, unknown>): DiffJob {
  return {
    id: Number(row.id),
    label: String(row.label),
    against: String(row.against),
    currentRevisionId: Number(row.current_revision_id),
    referenceRevisionId: Number(row.reference_revision_id),
    currentHash: String(row.current_hash),
    referenceHash: String(row.reference_hash),
    status: row.status as DiffJobStatus,
    attempts: Number(row.attempts),
    requestedBy: String(row.requested_by),
    workerId: row.worker_id === null ? null : String(row.worker_id),
    createdAt: dbTime(row.created_at)!,
    startedAt: dbTime(row.started_at),
    finishedAt: dbTime(row.finished_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    error: row.error === null ? null : String(row.error),
  }
}

export async function getDiffJob(id: number): Promise<DiffJob | undefined> {
  const row = await getSql().withConnection((conn) => conn.get(`SELECT ${COLUMNS} FROM diff_job WHERE id = ?`, [id]))
  return row ? toJob(row) : undefined
}

/** The newest job of a label pair, whatever its status. */
export async function latestDiffJob(label: string, against: string): Promise<DiffJob | undefined> {
  const row = await getSql().withConnection((conn) =>
    conn.get(`SELECT ${COLUMNS} FROM diff_job WHERE label = ? AND against = ? ORDER BY id DESC LIMIT 1`, [label, against]),
  )
  return row ? toJob(row) : undefined
}

async function activeJob(conn: SqlConn, label: string, against: string): Promise<DiffJob | undefined> {
  const row = await conn.get(`SELECT ${COLUMNS} FROM diff_job WHERE label = ? AND against = ? AND status IN ('queued', 'running')`, [label, against])
  return row ? toJob(row) : undefined
}

/**
 * Queues a job for the pair unless one is queued or running already, and returns that one.
 * The partial unique index diff_job_one_active makes concurrent calls collapse into one job.
 */
export async function enqueueDiffJob(job: NewDiffJob): Promise<{ job: DiffJob; created: boolean }> {
  return getSql().transaction(async (conn) => {
    const inserted = await conn.run(
      `INSERT INTO diff_job (label, against, current_revision_id, reference_revision_id, current_hash, reference_hash, status, requested_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT DO NOTHING`,
      [job.label, job.against, job.currentRevisionId, job.referenceRevisionId, job.currentHash, job.referenceHash, job.requestedBy, new Date()],
    )
    const active = await activeJob(conn, job.label, job.against)
    if (!active) throw new Error(`diff job for ${job.label} against ${job.against} was neither inserted nor found`)
    return { job: active, created: inserted === 1 }
  })
}

/** Takes the oldest queued job for workerId, or returns undefined when there is none. */
export async function claimNextDiffJob(workerId: string): Promise<DiffJob | undefined> {
  return getSql().transaction(async (conn) => {
    const candidates = await conn.all<{ id: number }>(`SELECT id FROM diff_job WHERE status = 'queued' ORDER BY id LIMIT 5`)
    for (const { id } of candidates) {
      const taken = await conn.run(
        `UPDATE diff_job SET status = 'running', worker_id = ?, started_at = ?, attempts = attempts + 1, error = NULL
         WHERE id = ? AND status = 'queued'`,
        [workerId, new Date(), Number(id)],
      )
      if (taken === 1) return toJob((await conn.get(`SELECT ${COLUMNS} FROM diff_job WHERE id = ?`, [Number(id)]))!)
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
    conn.run(
      `UPDATE diff_job SET status = ?, finished_at = ?, duration_ms = ?, error = ? WHERE id = ? AND worker_id = ? AND status = 'running'`,
      [outcome.status, new Date(), outcome.durationMs, outcome.error ?? null, id, workerId],
    ),
  )
  return changed === 1
}

/**
 * Running jobs whose worker has not finished them within the timeout are taken to belong to
 * a dead process: queued again, or failed once they have used up their attempts.
 */
export async function requeueStuckDiffJobs(timeoutSeconds: number): Promise<{ requeued: number; failed: DiffJob[] }> {
  const cutoff = new Date(Date.now() - timeoutSeconds * 1000)
  const error = `the worker stopped ${MAX_DIFF_JOB_ATTEMPTS} times before finishing (timeout ${timeoutSeconds} s)`
  return getSql().transaction(async (conn) => {
    const exhausted = await conn.all(`SELECT ${COLUMNS} FROM diff_job WHERE status = 'running' AND started_at < ? AND attempts >= ?`, [
      cutoff,
      MAX_DIFF_JOB_ATTEMPTS,
    ])
    const failed: DiffJob[] = []
    for (const row of exhausted) {
      const job = toJob(row)
      const changed = await conn.run(`UPDATE diff_job SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [
        new Date(),
        error,
        job.id,
      ])
      if (changed) failed.push({ ...job, status: 'failed', error })
    }
    const requeued = await conn.run(`UPDATE diff_job SET status = 'queued', worker_id = NULL WHERE status = 'running' AND started_at < ?`, [cutoff])
    return { requeued, failed }
  })
}
