// What the impact endpoint answers for an impact state: the report when it is ready (the same
// body the CLI writes to impact_report.json), else the job as the diff endpoint gives it.
import { jobAnswer, reportUrl, type JobAnswer } from '../diff/answer'
import { formatRef } from '../input-sets/labels'
import type { ImpactState } from './request'
import type { CachedImpact, ImpactBody, ImpactReport } from './schema'

export type ImpactAnswer = { state: 'ready'; body: ImpactBody } | JobAnswer

export function impactAnswer(state: ImpactState): ImpactAnswer {
  if (state.state !== 'ready') return jobAnswer(state, reportUrl(state.refs, 'impact'), 'Impact')
  // The report is filed under its revisions; the answer names the refs as asked, like the request.
  const body = impactBody(state.cached.report, state.cached)
  return { state: 'ready', body: { ...body, label: formatRef(state.refs.current), against: formatRef(state.refs.against) } }
}

/** The REST body of a report: from the cache (with its job), or computed by the CLI (impact_job_id null). */
export function impactBody(
  report: ImpactReport,
  run: Partial<Pick<CachedImpact, 'impact_job_id'>> & Pick<CachedImpact, 'generated_at' | 'duration_ms'>,
): ImpactBody {
  return { status: 'ready', impact_job_id: run.impact_job_id ?? null, generated_at: run.generated_at, duration_ms: run.duration_ms, ...report }
}
