// GET /api/plans/input_sets/{label}/events?limit=100 — event history, newest first (same body as the CLI's --json)
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { listEvents } from '@/lib/input-sets/queries/events'
import { eventsQuery, labelParams } from '@/lib/input-sets/schema'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi({ scope: 'input_sets:read', params: labelParams, query: eventsQuery }, async ({ params, query, access }) =>
  listEvents(access, params.label, query.limit),
)

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
