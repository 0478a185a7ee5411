// Writes an audit event on the caller's transaction connection, so the change and
// its event commit or roll back together.
import type { EventAction } from '../../db/generated/kysely/types'
import type { SqlConn } from '../../db/sql'
import type { Actor } from '../actor'

// The actions the schema allows (prisma/models/input-sets.prisma).
export type { EventAction }

export type NewEvent = {
  inputSetId: number
  revisionId: number | null
  action: EventAction
  actor: Actor
  comment?: string | null
  metadata?: Record<string, unknown>
  at: Date
}

export async function recordEvent(conn: SqlConn, e: NewEvent): Promise<number> {
  const { id } = await conn.db
    .insertInto('input_set_event')
    .values({
      input_set_id: e.inputSetId,
      revision_id: e.revisionId,
      action: e.action,
      actor_kind: e.actor.kind,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      comment: e.comment ?? null,
      metadata_json: e.metadata ? JSON.stringify(e.metadata) : null,
      created_at: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
