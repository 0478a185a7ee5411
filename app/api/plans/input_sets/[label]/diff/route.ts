// GET  /api/plans/input_sets/{label}/diff?against=L2 — 200 + report page when cached, else 202 + queued job
// POST /api/plans/input_sets/{label}/diff?against=L2 — queue a new job even after a failure (retry), 202
// Without against: the default reference (docs/diff.md, "The reference"), or 400 no_reference saying why.
import { after } from 'next/server'
import { kickDiffWorker } from '@/lib/diff/background'
import { referenceOrThrow } from '@/lib/diff/reference'
import { requestDiff } from '@/lib/diff/request'
import { diffApi } from '@/lib/diff/operations'
import { diffStateResponse } from '@/lib/http/diff-response'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

function handler(retry: boolean) {
  return withApi(retry ? diffApi.retry : diffApi.read, async ({ params, query, actor, access }) => {
    const current = params.label
    const against = await referenceOrThrow(access, current, query.against, 'Pass ?against=<label or label@N>.')
    const state = await requestDiff(access, { current, against }, { requestedBy: actor.name, retry })
    // The job runs after this response is sent, never inside the request.
    if (state.state === 'queued') after(() => kickDiffWorker())
    return diffStateResponse(state, { section: query.section, kind: query.kind, page: query.page, pageSize: query.page_size })
  })
}

export const GET = handler(false)
export const POST = handler(true)

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
