// What the diff endpoint answers for a diff state: one page of the report when it is ready,
// the job while it is queued or running (with where and when to ask again), and a failed job
// with what failed and how to retry it. lib/http/diff-response.ts turns this into HTTP. A job's
// error is its public reason (job-failure.ts): never a path or a pid.
import { formatRef } from '../input-sets/labels'
import { failureReason } from './job-failure'
import type { DiffJob } from './job-store'
import type { DiffRefs } from './refs'
import { reportPage, type DiffReportPage, type ViewOptions } from './report-view'
import type { CachedReport, DiffState, DiffSubject, ReportState } from './request'

/** Seconds a client should wait before asking again while a job is pending. */
const RETRY_AFTER_SECONDS = 2

/** What the portal polls while a job is pending, or to notice that moving refs name new revisions: the smallest page of the answer. */
export function diffPollUrl(refs: DiffRefs): string {
  return `${reportUrl(refs, 'diff')}&page_size=1`
}

/** The view of the report diffPollUrl asks for, as the route reads it from that address. */
export const DIFF_POLL_VIEW = { page: 1, pageSize: 1 } as const

export type DiffJobView = ReturnType<typeof jobView>

/** The job's answer while it is pending or after it failed; the same for every kind of report. */
export type JobAnswer =
  | { state: 'pending'; job: DiffJobView & { stale: boolean }; url: string; retryAfterSeconds: number }
  | { state: 'failed'; message: string; job: DiffJobView; retry: { method: 'POST'; url: string } }

export type DiffAnswer = { state: 'ready'; report: DiffReportPage } | JobAnswer

/** The address that reads (GET) or retries (POST) the report (`diff`, `impact`) of these refs. */
export function reportUrl(refs: DiffRefs, report: 'diff' | 'impact'): string {
  return `/api/plans/input_sets/${encodeURIComponent(formatRef(refs.current))}/${report}?against=${encodeURIComponent(formatRef(refs.against))}`
}

/** The job under the refs the caller asked for; `pair` names the two revisions it compares (its report's key). */
function jobView(job: DiffJob, subject: DiffSubject) {
  return {
    diff_job_id: job.id,
    status: job.status,
    label: formatRef(subject.refs.current),
    against: formatRef(subject.refs.against),
    pair: { current: formatRef(subject.pair.current), reference: formatRef(subject.pair.reference) },
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
  const label = formatRef(state.refs.current)
  const against = formatRef(state.refs.against)
  // The report is filed under its revisions; the answer names the refs as asked, like the request.
  if (state.state === 'ready') return { state: 'ready', report: { ...reportPage(state.cached, view), label, against } }
  return jobAnswer(state, reportUrl(state.refs, 'diff'), 'Diff')
}

/** A queued, running or failed job of a report; `what` names the job in the failure message. */
export function jobAnswer<Cached extends CachedReport>(state: Exclude<ReportState<Cached>, { state: 'ready' }>, url: string, what: string): JobAnswer {
  if (state.state === 'failed') {
    return {
      state: 'failed',
      message: `${what} job ${state.job.id} (${formatRef(state.refs.current)} against ${formatRef(state.refs.against)}) failed: ${failureReason(state.job)}`,
      job: jobView(state.job, state),
      retry: { method: 'POST', url },
    }
  }
  return { state: 'pending', job: { ...jobView(state.job, state), stale: state.stale }, url, retryAfterSeconds: RETRY_AFTER_SECONDS }
}
