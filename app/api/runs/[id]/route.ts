// GET /api/runs/{id} — the run: plan, input set, warnings, the plan's artifacts
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { getRunOrThrow } from '@/lib/plans/read-run'
import { planApi } from '@/lib/plans/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(planApi.run, async ({ params, access }) => ({ run: await getRunOrThrow(access, params.id) }))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
