// GET /api/plans/input_sets/{label}/events?limit=100 — event history, newest first (same body as the CLI's --json);
// `label@N` / `label@draft` returns the label's history with that revision named in `ref`.
// POST — append a manual event (note, record_approval); the actor is the caller.
import { json, withApi } from '@/lib/http/with-api'
import { otherMethods } from '@/lib/http/route-methods'
import { listEvents } from '@/lib/input-sets/queries/events'
import { inputSetApi } from '@/lib/input-sets/operations'
import { logManualEvent } from '@/lib/input-sets/verbs/log-event'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.events, async ({ params, query, access }) => listEvents(access, params.label, query.limit))

export const POST = withApi(inputSetApi.logEvent, async ({ params, body, actor }) =>
  json(await logManualEvent({ ref: params.label, revision: body.revision, action: body.action, comment: body.comment, metadata: body.metadata, actor }), 201),
)

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
