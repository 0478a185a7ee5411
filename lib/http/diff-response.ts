// The diff endpoints' HTTP answers: 200 + one page of the report when it is ready, 202 + the
// job (Location, Retry-After) while it is queued or running, and a failed job as a 500 error
// that names the job and how to retry it. What to answer is decided in lib/diff/answer.ts.
import type { ReadAccess } from '../auth/access'
import { DIFF_POLL_VIEW, diffAnswer, type JobAnswer } from '../diff/answer'
import { diffApi } from '../diff/operations'
import { referenceOrThrow } from '../diff/reference'
import type { DiffRefs } from '../diff/refs'
import type { ViewOptions } from '../diff/report-view'
import { diffVersion, type DiffState, type ResolvedPair } from '../diff/request'
import { formatRef, type InputSetRef } from '../input-sets/labels'
import { validatorOf, type Validator } from './conditional'
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

/**
 * For any report of a pair of revisions (a diff, its rows, the planning impact): the refs to
 * compare (the default reference when `against` is omitted), the two revisions they
 * name now, and the validator of a ready report of them: the two revisions' content hashes, the
 * pair and the view. Pass `resolved` on to requestDiff, so the body is made of those revisions. Only refs the
 * caller pinned both (`label@N`, `against=label@M`) make it immutable; a default reference depends
 * on the label's other revisions.
 */
export async function pairReportValidator(
  access: ReadAccess,
  asked: { current: InputSetRef; against: InputSetRef | undefined },
  route: string,
  view: Readonly<Record<string, unknown>>,
): Promise<{ refs: DiffRefs; validator: Validator; resolved: ResolvedPair }> {
  const against = await referenceOrThrow(access, asked.current, asked.against, 'Pass ?against=<label or label@N>.')
  const refs = { current: asked.current, against }
  const version = await diffVersion(access, refs)
  const representation = { ...view, pair: version.pair, label: formatRef(refs.current), against: formatRef(against) }
  const pinned = asked.current.kind === 'number' && asked.against?.kind === 'number'
  return { refs, validator: validatorOf({ route, hashes: version.hashes, representation, pinned }), resolved: version.revisions }
}

/** The ETag diffPollUrl(refs) answers while the refs name the revisions they name now: the portal's poll sends it as If-None-Match. */
export async function diffPollEtag(access: ReadAccess, refs: DiffRefs): Promise<string> {
  const { validator } = await pairReportValidator(access, refs, diffApi.read.operationId, DIFF_POLL_VIEW)
  return validator.etag
}
