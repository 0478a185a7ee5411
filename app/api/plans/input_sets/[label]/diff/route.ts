// GET  /api/plans/input_sets/{label}/diff?against=L2 — 200 + report page when cached, else 202 + queued job
// POST /api/plans/input_sets/{label}/diff?against=L2 — queue a new job even after a failure (retry), 202
// Without against: the default reference (docs/diff.md, "The reference"), or 400 no_reference saying why.
// A ready report carries an ETag of the two revisions' content hashes and the view; GET answers 304
// on If-None-Match without reading the report (docs/api.md, "Caching"). A pending job is never cached.
import { afterResponse } from '@/app/api/after-response'
import { kickDiffWorker } from '@/lib/diff/background'
import { referenceOrThrow } from '@/lib/diff/reference'
import { requestDiff, type DiffRequestOptions } from '@/lib/diff/request'
import { diffApi } from '@/lib/diff/operations'
import { conditionalGet } from '@/lib/http/conditional'
import { diffStateResponse, pairReportValidator } from '@/lib/http/diff-response'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import type { DiffRefs } from '@/lib/diff/refs'
import type { ReadAccess } from '@/lib/auth/access'
import type { ViewOptions } from '@/lib/diff/report-view'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

async function answer(access: ReadAccess, refs: DiffRefs, o: DiffRequestOptions & { view: ViewOptions }): Promise<Response> {
  const state = await requestDiff(access, refs, o)
  // The job runs after this response is sent, never inside the request.
  if (state.state === 'queued') afterResponse(() => kickDiffWorker())
  return diffStateResponse(state, o.view)
}

const viewOf = (q: { section?: string; kind?: ViewOptions['kind']; page: number; page_size: number }): ViewOptions => ({
  section: q.section,
  kind: q.kind,
  page: q.page,
  pageSize: q.page_size,
})

export const GET = withApi(diffApi.read, async ({ request, params, query, actor, access }) => {
  const view = viewOf(query)
  const { refs, validator, resolved } = await pairReportValidator(access, { current: params.label, against: query.against }, diffApi.read.operationId, view)
  return conditionalGet(request, validator, () => answer(access, refs, { requestedBy: actor.name, retry: false, resolved, view }))
})

export const POST = withApi(diffApi.retry, async ({ params, query, actor, access }) => {
  const against = await referenceOrThrow(access, params.label, query.against, 'Pass ?against=<label or label@N>.')
  return answer(access, { current: params.label, against }, { requestedBy: actor.name, retry: true, view: viewOf(query) })
})

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
