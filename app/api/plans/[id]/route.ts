// GET /api/plans/{id} — the plan: input set, periods, summary, artifacts, warnings
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { getPlanOrThrow } from '@/lib/plans/read-plan'
import { planApi } from '@/lib/plans/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(planApi.detail, async ({ params, access }) => ({ plan: await getPlanOrThrow(access, params.id) }))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
