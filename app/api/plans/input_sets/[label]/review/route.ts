// POST /api/plans/input_sets/{label}/review — approve | request_changes | revert | archive | restore; the actor is the caller
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { inputSetApi } from '@/lib/input-sets/operations'
import { requestChanges } from '@/lib/input-sets/verbs/request-changes'
import { reviewInputSet } from '@/lib/input-sets/verbs/review'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const POST = withApi(inputSetApi.review, async ({ params, body, actor }) =>
  body.action === 'request_changes'
    ? requestChanges({ ref: params.label, comment: body.comment, actor })
    : reviewInputSet({ ref: params.label, action: body.action, comment: body.comment, force: body.force, reason: body.reason, actor }),
)

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST })
