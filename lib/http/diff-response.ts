// The diff endpoint's HTTP answers: 200 + one page of the report when it is ready, 202 + the
// job (Location, Retry-After) while it is queued or running, and a failed job as a 500 error
// that names the job and how to retry it. What to answer is decided in lib/diff/answer.ts.
import { diffAnswer, type JobAnswer } from '../diff/answer'
import type { ViewOptions } from '../diff/report-view'
import type { DiffState } from '../diff/request'
import { errorJson } from './errors'

export function diffStateResponse(state: DiffState, view: ViewOptions): Response {
  const answer = diffAnswer(state, view)
  return answer.state === 'ready' ? Response.json(answer.report) : jobResponse(answer, 'diff_job_failed')
}

/** 202 + the job while it is pending; a failed job as a 500 error with `code`. */
export function jobResponse(answer: JobAnswer, code: string): Response {
  switch (answer.state) {
    case 'failed':
      return errorJson(500, code, answer.message, { ...answer.job, retry: answer.retry })
    case 'pending':
      return Response.json(answer.job, { status: 202, headers: { location: answer.url, 'retry-after': String(answer.retryAfterSeconds) } })
  }
}
