// What the diff endpoint answers for a diff state: one page of the report when it is ready,
// the job while it is queued or running (with where and when to ask again), and a failed job
// with what failed and how to retry it. lib/http/diff-response.ts turns this into HTTP. A job's
// error is its public reason (job-failure.ts): never a path or a pid.
import { failureReason } from './job-failure'
import type { DiffJob } from './job-store'
import { reportPage, type DiffReportPage, type ViewOptions } from './report-view'
import type { DiffPair, DiffState } from './request'

/** Seconds a client should wait before asking again while a job is pending. */
const RETRY_AFTER_SECONDS = 2

export type DiffJobView = ReturnType<typeof jobView>

export type DiffAnswer =
  | { state: 'ready'; report: DiffReportPage }
  | { state: 'pending'; job: DiffJobView & { stale: boolean }; url: string; retryAfterSeconds: number }
  | { state: 'failed'; message: string; job: DiffJobView; retry: { method: 'POST'; url: string } }

/** The address that reads (GET) or retries (POST) the diff of this pair. */
function diffUrl(pair: DiffPair): string {
  return `/api/plans/input_sets/${encodeURIComponent(pair.label)}/diff?against=${encodeURIComponent(pair.against)}`
}

function jobView(job: DiffJob) {
  return {
    diff_job_id: job.id,
    status: job.status,
    label: job.label,
    against: job.against,
    current_hash: job.currentHash,
    reference_hash: job.referenceHash,
    attempts: job.attempts,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
    duration_ms: job.durationMs,
    error: job.error,
  }
}

export function diffAnswer(state: DiffState, view: ViewOptions): DiffAnswer {
  if (state.state === 'ready') return { state: 'ready', report: reportPage(state.cached, view) }
  const url = diffUrl(state)
  if (state.state === 'failed') {
    return {
      state: 'failed',
      message: `Diff job ${state.job.id} (${state.label} against ${state.against}) failed: ${failureReason(state.job)}`,
      job: jobView(state.job),
      retry: { method: 'POST', url },
    }
  }
  return { state: 'pending', job: { ...jobView(state.job), stale: state.stale }, url, retryAfterSeconds: RETRY_AFTER_SECONDS }
}
