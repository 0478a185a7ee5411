// The one writer of audit events: every state change calls it on its transaction's connection, so
// the change and its event commit or roll back together (docs/security.md, "Audit events").
import type { SqlConn } from '../db/sql'
import type { Actor } from '../input-sets/actor'
import { assertAuditAction, isInputSetAction, type AuditAction } from './actions'

type EventBase = {
  action: AuditAction
  actor: Actor
  at: Date
  comment?: string | null
  metadata?: Record<string, unknown>
}

/** An input-set event names its set (and revision); any other names its subject: `user:<email>`, `token:<prefix>`, `email:<email>`, `ip:<address>`. */
export type NewAuditEvent = EventBase & ({ inputSet: { id: number; label: string }; revisionId: number | null } | { subject: string; inputSet?: undefined })

export function inputSetSubject(label: string): string {
  return `input_set:${label}`
}

export async function recordAuditEvent(conn: SqlConn, e: NewAuditEvent): Promise<number> {
  const action = assertAuditAction(e.action)
  // A programming error, not bad input: an input-set event without its set would vanish from its History.
  if (isInputSetAction(action) !== (e.inputSet !== undefined))
    throw new Error(`Audit action ${action} ${e.inputSet ? 'is not about an input set' : 'needs its input set'}.`)
  const { id } = await conn.db
    .insertInto('audit_event')
    .values({
      action,
      subject: e.inputSet ? inputSetSubject(e.inputSet.label) : e.subject,
      input_set_id: e.inputSet?.id ?? null,
      revision_id: e.inputSet ? e.revisionId : null,
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
