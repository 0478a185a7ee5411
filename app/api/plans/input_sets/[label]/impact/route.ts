// GET  /api/plans/input_sets/{label}/impact?against=L2 — 200 + the planning impact when cached, else 202 + queued job
// POST /api/plans/input_sets/{label}/impact?against=L2 — queue a new job even after a failure (retry), 202
// Without against: the diff's default reference (docs/diff.md, "The reference"), or 400 no_reference saying why.
import { after } from 'next/server'
import { kickDiffWorker } from '@/lib/diff/background'
import { referenceOrThrow } from '@/lib/diff/reference'
import { jobResponse } from '@/lib/http/diff-response'
import { impactAnswer } from '@/lib/impact/answer'
import { impactApi } from '@/lib/impact/operations'
import { requestImpact } from '@/lib/impact/request'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

function handler(retry: boolean) {
  return withApi(retry ? impactApi.retry : impactApi.read, async ({ params, query, actor, access }) => {
    const current = params.label
    const against = await referenceOrThrow(access, current, query.against, 'Pass ?against=<label or label@N>.')
    const state = await requestImpact(access, { current, against }, { requestedBy: actor.name, retry })
    // The job runs after this response is sent, never inside the request.
    if (state.state === 'queued') after(() => kickDiffWorker())
    const answer = impactAnswer(state)
    return answer.state === 'ready' ? Response.json(answer.body) : jobResponse(answer, 'impact_job_failed')
  })
}

export const GET = handler(false)
export const POST = handler(true)

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
