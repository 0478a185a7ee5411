// Writes an audit event on the caller's transaction connection, so the change and
// its event commit or roll back together.
import type { SqlConn } from '../db/sql'
import type { Actor } from './actor'

export type EventAction = 'upload' | 'update' | 'approve' | 'revert' | 'archive' | 'restore' | 'export' | 'diff'

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
  const row = await conn.get<{ id: number }>(
    `INSERT INTO input_set_event (input_set_id, revision_id, action, actor_kind, actor_id, actor_name, comment, metadata_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      e.inputSetId,
      e.revisionId,
      e.action,
      e.actor.kind,
      e.actor.id,
      e.actor.name,
      e.comment ?? null,
      e.metadata ? JSON.stringify(e.metadata) : null,
      e.at,
    ],
  )
  return Number(row!.id)
}
