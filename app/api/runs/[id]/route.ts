// GET /api/runs/{id} — the run: plan, input set, warnings, the plan's artifacts
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { getRunOrThrow } from '@/lib/plans/read-run'
import { idParams } from '@/lib/plans/schema'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi({ scope: 'input_sets:read', params: idParams }, async ({ params, access }) => ({ run: await getRunOrThrow(access, params.id) }))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
