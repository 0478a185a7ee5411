// GET  /api/plans/input_sets/{label}/impact?against=L2 — 200 + the planning impact when cached, else 202 + queued job
// POST /api/plans/input_sets/{label}/impact?against=L2 — queue a new job even after a failure (retry), 202
// Without against: the diff's default reference (docs/diff.md, "The reference"), or 400 no_reference saying why.
// A ready report carries an ETag of the two revisions' content hashes; GET answers 304 on
// If-None-Match without reading the report (docs/api.md, "Caching"). A pending job is never cached.
import { afterResponse } from '@/app/api/after-response'
import { kickDiffWorker } from '@/lib/diff/background'
import { referenceOrThrow } from '@/lib/diff/reference'
import type { DiffRefs } from '@/lib/diff/refs'
import type { DiffRequestOptions } from '@/lib/diff/request'
import type { ReadAccess } from '@/lib/auth/access'
import { conditionalGet } from '@/lib/http/conditional'
import { pairReportValidator, jobResponse } from '@/lib/http/diff-response'
import { impactAnswer } from '@/lib/impact/answer'
import { impactApi } from '@/lib/impact/operations'
import { requestImpact } from '@/lib/impact/request'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

async function answer(access: ReadAccess, refs: DiffRefs, o: DiffRequestOptions): Promise<Response> {
  const state = await requestImpact(access, refs, o)
  // The job runs after this response is sent, never inside the request.
  if (state.state === 'queued') afterResponse(() => kickDiffWorker())
  const answer = impactAnswer(state)
  return answer.state === 'ready' ? Response.json(answer.body) : jobResponse(answer, 'impact_job_failed')
}

export const GET = withApi(impactApi.read, async ({ request, params, query, actor, access }) => {
  const { refs, validator, resolved } = await pairReportValidator(access, { current: params.label, against: query.against }, impactApi.read.operationId, {})
  return conditionalGet(request, validator, () => answer(access, refs, { requestedBy: actor.name, retry: false, resolved }))
})

export const POST = withApi(impactApi.retry, async ({ params, query, actor, access }) => {
  const against = await referenceOrThrow(access, params.label, query.against, 'Pass ?against=<label or label@N>.')
  return answer(access, { current: params.label, against }, { requestedBy: actor.name, retry: true })
})

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
