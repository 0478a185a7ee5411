// GET /api/plans/input_sets/{label}/events?limit=100 — event history, newest first (same body as the CLI's --json)
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { listEvents } from '@/lib/input-sets/queries/events'
import { inputSetApi } from '@/lib/input-sets/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.events, async ({ params, query, access }) => listEvents(access, params.label, query.limit))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
