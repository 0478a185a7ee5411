// Event history of a label, newest first. The same body serves the REST events
// endpoint and `show_planning_input_events --json`.
import { getDb } from '../db/client'
import { getSql } from '../db/sql'
import { InvalidError } from '../errors'
import type { RevisionStatus } from './labels'
import { assertValidLabel } from './labels'
import { notFound, resolveRevisionOrThrow } from './resolve'

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

export async function listEvents(label: string, limit = 100): Promise<EventsBody> {
  assertValidLabel(label)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_LIMIT) {
    throw new InvalidError(`limit must be a whole number from 1 to ${MAX_EVENT_LIMIT}.`, { field: 'limit' })
  }
  const current = await getSql().withConnection(async (conn) => {
    const set = await conn.get(`SELECT id FROM input_set WHERE label = ?`, [label])
    if (!set) throw await notFound(conn, { label, kind: 'current' })
    return resolveRevisionOrThrow(conn, { label, kind: 'current' })
  })
  const events = await getDb().inputSetEvent.findMany({
    where: { inputSetId: current.inputSetId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: { revision: { select: { number: true } } },
  })
  return {
    input_set: { id: current.inputSetId, label: current.label, config_version_id: current.configVersionId, status: current.status },
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      actor: e.actorName,
      actor_kind: e.actorKind,
      comment: e.comment,
      revision: e.revision?.number ?? null,
      metadata: e.metadataJson ? (JSON.parse(e.metadataJson) as Record<string, unknown>) : null,
      created_at: e.createdAt.toISOString(),
    })),
  }
}
