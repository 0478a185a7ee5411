// GET /api/plans/input_sets/{label} — one revision (label, label@draft, label@N) with sections and history
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { getInputSetDetail } from '@/lib/input-sets/queries/detail'
import { inputSetApi } from '@/lib/input-sets/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.detail, async ({ params, access }) => getInputSetDetail(access, params.label))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
