// GET /api/plans/input_sets/{label} — one revision (label, label@draft, label@N) with sections and history
// ETag from the content hash and the label's review state; 304 on If-None-Match (docs/api.md, "Caching").
import { revisionAnswer } from '@/lib/http/conditional'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { detailVersion } from '@/lib/input-sets/queries/answer-version'
import { getInputSetDetail } from '@/lib/input-sets/queries/detail'
import { inputSetApi } from '@/lib/input-sets/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.detail, async ({ request, params, access }) => {
  const version = await detailVersion(access, params.label)
  return revisionAnswer(request, { route: inputSetApi.detail.operationId, version, representation: {} }, (ref) => getInputSetDetail(access, ref))
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
