// The diff endpoint's HTTP answers (docs/api.md): 200 + one page of the report when it is
// ready, 202 + the job while it is queued or running, and a failed job as an error that
// names the job and how to retry it. A job's error is its public reason (job-failure.ts).
import { errorJson } from '../http/errors'
import { failureReason } from './job-failure'
import type { DiffJob } from './job-store'
import { reportPage, type ViewOptions } from './report-view'
import type { DiffPair, DiffState } from './request'

/** Seconds a client should wait before asking again while a job is pending. */
const RETRY_AFTER_SECONDS = 2

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

export function diffStateResponse(state: DiffState, view: ViewOptions): Response {
  if (state.state === 'ready') return Response.json(reportPage(state.cached, view))
  const url = diffUrl(state)
  if (state.state === 'failed') {
    return errorJson(500, 'diff_job_failed', `Diff job ${state.job.id} (${state.label} against ${state.against}) failed: ${failureReason(state.job)}`, {
      ...jobView(state.job),
      retry: { method: 'POST', url },
    })
  }
  return Response.json(
    { ...jobView(state.job), stale: state.stale },
    { status: 202, headers: { location: url, 'retry-after': String(RETRY_AFTER_SECONDS) } },
  )
}
