// Event history of a label, newest first. The same body serves the REST events
// endpoint and `show_planning_input_events --json`; the portal pages through it.
import { getDb } from '../db/client'
import { getSql } from '../db/sql'
import { InvalidError } from '../errors'
import { MAX_PAGE, type Paging } from '../schema'
import type { RevisionStatus } from './labels'
import { assertValidLabel } from './labels'
import { notFound, resolveRevisionOrThrow, type ResolvedRevision } from './resolve'

export type EventView = {
  id: number
  action: string
  actor: string
  actor_kind: string
  comment: string | null
  revision: number | null
  metadata: Record<string, unknown> | null
  created_at: string
}

export type EventsBody = {
  input_set: { id: number; label: string; config_version_id: number; status: RevisionStatus }
  events: EventView[]
}

export const MAX_EVENT_LIMIT = 500

export type EventsPage = EventsBody & { total: number; page: number; page_size: number }

export async function listEvents(label: string, limit = 100): Promise<EventsBody> {
  assertValidLabel(label)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_LIMIT) {
    throw new InvalidError(`limit must be a whole number from 1 to ${MAX_EVENT_LIMIT}.`, { field: 'limit' })
  }
  const current = await currentRevisionOf(label)
  return { input_set: inputSetView(current), events: await readEvents(current.inputSetId, 0, limit) }
}

/** One page of the history (the portal's History tab), with the total for the pager. */
export async function listEventsPage(label: string, paging: Paging): Promise<EventsPage> {
  assertValidLabel(label)
  const { page, pageSize } = paging
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new InvalidError(`page must be a whole number from 1 to ${MAX_PAGE}.`, { field: 'page' })
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_EVENT_LIMIT) {
    throw new InvalidError(`page_size must be a whole number from 1 to ${MAX_EVENT_LIMIT}.`, { field: 'page_size' })
  }
  const current = await currentRevisionOf(label)
  const [events, total] = await Promise.all([
    readEvents(current.inputSetId, (page - 1) * pageSize, pageSize),
    getDb().inputSetEvent.count({ where: { inputSetId: current.inputSetId } }),
  ])
  return { input_set: inputSetView(current), events, total, page, page_size: pageSize }
}

async function currentRevisionOf(label: string): Promise<ResolvedRevision> {
  return getSql().withConnection(async (conn) => {
    const set = await conn.get(`SELECT id FROM input_set WHERE label = ?`, [label])
    if (!set) throw await notFound(conn, { label, kind: 'current' })
    return resolveRevisionOrThrow(conn, { label, kind: 'current' })
  })
}

function inputSetView(current: ResolvedRevision): EventsBody['input_set'] {
  return { id: current.inputSetId, label: current.label, config_version_id: current.configVersionId, status: current.status }
}

// Newest first; the id breaks ties between events written in the same millisecond.
async function readEvents(inputSetId: number, skip: number, take: number): Promise<EventView[]> {
  const events = await getDb().inputSetEvent.findMany({
    where: { inputSetId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip,
    take,
    include: { revision: { select: { number: true } } },
  })
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    actor: e.actorName,
    actor_kind: e.actorKind,
    comment: e.comment,
    revision: e.revision?.number ?? null,
    metadata: e.metadataJson ? (JSON.parse(e.metadataJson) as Record<string, unknown>) : null,
    created_at: e.createdAt.toISOString(),
  }))
}
