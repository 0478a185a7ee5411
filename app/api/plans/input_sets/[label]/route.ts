// GET /api/plans/input_sets/{label} — one revision (label, label@draft, label@N) with sections and history
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { getInputSetDetail } from '@/lib/input-sets/queries/detail'
import { refParams } from '@/lib/input-sets/schema'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi({ scope: 'input_sets:read', params: refParams }, async ({ params, access }) => getInputSetDetail(access, params.label))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
