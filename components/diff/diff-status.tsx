import { diffPollUrl } from '@/lib/diff/answer'
import { failureReason } from '@/lib/diff/job-failure'
import type { DiffState } from '@/lib/diff/request'
import { formatRef } from '@/lib/input-sets/labels'
import { formatDateTime } from '../format-time'
import { AutoRefresh } from './auto-refresh'
import { RetryButton, type RetryAction } from './retry-button'

const REFRESH_SECONDS = 2

/** Where the diff stands: generated (when, by which job), queued or running (refreshing), stale, or failed with a retry. */
export function DiffStatus({ state, timeZone, retry }: { state: DiffState; timeZone: string; retry: RetryAction }) {
  if (state.state === 'ready') {
    const { cached } = state
    const { current, reference } = cached.report.revisions
    return (
      <p className="diff-status diff-status-ready" role="status">
        Generated {formatDateTime(cached.generated_at, timeZone)} by diff job #{cached.diff_job_id} in {cached.duration_ms.toLocaleString('en-US')} ms ·{' '}
        {current.label} r{current.revision} <code className="hash-text">{current.content_hash.slice(0, 12)}</code> against {reference.label} r{reference.revision}{' '}
        <code className="hash-text">{reference.content_hash.slice(0, 12)}</code>
      </p>
    )
  }
  const { job } = state
  if (state.state === 'failed') {
    return (
      <div className="diff-status diff-status-failed" role="alert">
        <p>
          Diff job #{job.id} failed{job.finishedAt ? ` at ${formatDateTime(job.finishedAt.toISOString(), timeZone)}` : ''}: {failureReason(job)}
        </p>
        <RetryButton action={retry} label={formatRef(state.refs.current)} against={formatRef(state.refs.against)} />
      </div>
    )
  }
  return (
    <div className="diff-status diff-status-pending" role="status">
      <p>
        {state.stale && 'The cached report no longer matches these revisions (their content changed); it is being regenerated. '}
        {state.state === 'running'
          ? `Diff job #${job.id} running since ${formatDateTime((job.startedAt ?? job.createdAt).toISOString(), timeZone)}…`
          : `Diff job #${job.id} queued at ${formatDateTime(job.createdAt.toISOString(), timeZone)}…`}{' '}
        This page refreshes by itself.
      </p>
      <AutoRefresh seconds={REFRESH_SECONDS} url={diffPollUrl(state.refs)} />
    </div>
  )
}
