// Event history of a label, newest first. The same body serves the REST events
// endpoint and `show_planning_input_events --json`; the portal pages through it.
import { verbOf } from '../../audit/actions'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import { getSql, type SqlConn } from '../../db/sql'
import { preparedQuery } from '../../db/prepared'
import { InvalidError } from '../../errors'
import { z } from 'zod'
import { isoTime, MAX_PAGE, type Paging } from '../../schema'
import { assertValidLabel, formatRef, parseInputSetRef, REVISION_STATUSES } from '../labels'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../store/resolve'

export const eventViewSchema = z.object({
  id: z.number().int().positive(),
  /** The verb (`approve`); `type` is the full audit action (`input_set.approve`, lib/audit/actions.ts). */
  action: z.string(),
  type: z.string(),
  actor: z.string(),
  actor_kind: z.string(),
  comment: z.string().nullable(),
  revision: z.number().int().positive().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: isoTime,
})
export type EventView = z.infer<typeof eventViewSchema>

export const eventsBodySchema = z
  .object({
    input_set: z.object({ id: z.number().int().positive(), label: z.string(), config_version_id: z.number().int().positive(), status: z.enum(REVISION_STATUSES) }),
    /**
     * Only when the caller named a revision (`label@N`, `label@draft`): events are kept per label,
     * so the body is still the label's whole history, and the events whose `revision` equals
     * `ref.revision` are that revision's own.
     */
    ref: z.object({ text: z.string(), revision: z.number().int().positive() }).optional(),
    events: z.array(eventViewSchema),
  })
  .meta({ id: 'InputSetEvents' })
export type EventsBody = z.infer<typeof eventsBodySchema>

export const MAX_EVENT_LIMIT = 500

export type EventsPage = EventsBody & { total: number; page: number; page_size: number }

/** `refText` is a label, or `label@N` / `label@draft` to name one revision of its history. */
export async function listEvents(access: ReadAccess, refText: string, limit = 100): Promise<EventsBody> {
  requireReadAccess(access)
  const ref = parseInputSetRef(refText)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_LIMIT) {
    throw new InvalidError(`limit must be a whole number from 1 to ${MAX_EVENT_LIMIT}.`, { field: 'limit' })
  }
  return getSql().withConnection(async (conn) => {
    const current = await currentRevisionOf(conn, ref.label)
    const named = ref.kind === 'current' ? undefined : await resolveRevisionOrThrow(conn, ref)
    const events = await readEvents(conn, current.inputSetId, 0, limit)
    return { input_set: inputSetView(current), ...(named ? { ref: { text: formatRef(ref), revision: named.number } } : {}), events }
  })
}

/** One page of the history (the portal's History tab), with the total for the pager. */
export async function listEventsPage(access: ReadAccess, label: string, paging: Paging): Promise<EventsPage> {
  requireReadAccess(access)
  assertValidLabel(label)
  const { page, pageSize } = paging
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new InvalidError(`page must be a whole number from 1 to ${MAX_PAGE}.`, { field: 'page' })
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_EVENT_LIMIT) {
    throw new InvalidError(`page_size must be a whole number from 1 to ${MAX_EVENT_LIMIT}.`, { field: 'page_size' })
  }
  return getSql().withConnection(async (conn) => {
    const current = await currentRevisionOf(conn, label)
    const events = await readEvents(conn, current.inputSetId, (page - 1) * pageSize, pageSize)
    const { total } = await conn.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('input_set_id', '=', current.inputSetId)
      .executeTakeFirstOrThrow()
    return { input_set: inputSetView(current), events, total, page, page_size: pageSize }
  })
}

// An unknown label gets the same not-found error (with close labels) from the resolver.
function currentRevisionOf(conn: SqlConn, label: string): Promise<ResolvedRevision> {
  return resolveRevisionOrThrow(conn, { label, kind: 'current' })
}

function inputSetView(current: ResolvedRevision): EventsBody['input_set'] {
  return { id: current.inputSetId, label: current.label, config_version_id: current.configVersionId, status: current.status }
}

// Newest first; the id breaks ties between events written in the same millisecond. The events
// endpoint is among the busiest reads, so this is a hot lookup (prepared once per connection), served
// by the index on (input_set_id, created_at).
const eventsOf = preparedQuery((db, inputSetId: number, take: number, skip: number) =>
  db
    .selectFrom('audit_event as e')
    .leftJoin('input_set_revision as r', 'r.id', 'e.revision_id')
    .select(['e.id', 'e.action', 'e.actor_name', 'e.actor_kind', 'e.comment', 'e.metadata_json', 'e.created_at', 'r.number as revision'])
    .where('e.input_set_id', '=', inputSetId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(take)
    .offset(skip),
)

async function readEvents(conn: SqlConn, inputSetId: number, skip: number, take: number): Promise<EventView[]> {
  const rows = await eventsOf(conn, inputSetId, take, skip)
  return rows.map((e) => ({
    id: e.id,
    action: verbOf(e.action),
    type: e.action,
    actor: e.actor_name,
    actor_kind: e.actor_kind,
    comment: e.comment,
    revision: e.revision,
    metadata: e.metadata_json ? (JSON.parse(e.metadata_json) as Record<string, unknown>) : null,
    created_at: e.created_at.toISOString(),
  }))
}
