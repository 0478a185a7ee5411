// Security audit events that belong to no input set (accounts, tokens, sign-in). Written on the
// caller's transaction connection, so a change and its event commit or roll back together.
import { getSql, type SqlConn } from '../db/sql'
import type { Actor } from '../input-sets/actor'

export type AuditAction = 'user_create' | 'user_update' | 'token_create' | 'token_revoke' | 'sign_in_failed' | 'sign_in_locked' | 'sign_out'

/** Who acts when nobody is signed in yet: the sign-in endpoint itself. */
export const SIGN_IN_ACTOR: Actor = { kind: 'system', id: 'system:sign-in', name: 'sign-in' }

export type NewAuditEvent = {
  action: AuditAction
  actor: Actor
  /** What the event is about: `user:<email>`, `token:<prefix>`, `email:<email>`, `ip:<address>`. */
  subject: string
  metadata?: Record<string, unknown>
  at: Date
}

export async function recordAuditEvent(conn: SqlConn, e: NewAuditEvent): Promise<number> {
  const row = await conn.db
    .insertInto('audit_event')
    .values({
      action: e.action,
      actor_kind: e.actor.kind,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      subject: e.subject,
      metadata_json: e.metadata ? JSON.stringify(e.metadata) : null,
      created_at: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type AuditEventView = {
  id: number
  action: AuditAction
  actor: string
  actor_kind: string
  subject: string
  metadata: Record<string, unknown> | null
  created_at: string
}

/** Newest first. */
export async function listAuditEvents(filter: { subject?: string; limit?: number } = {}): Promise<AuditEventView[]> {
  const subject = filter.subject
  const rows = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('audit_event')
      .select(['id', 'action', 'actor_name', 'actor_kind', 'subject', 'metadata_json', 'created_at'])
      .$if(subject !== undefined, (q) => q.where('subject', '=', subject!))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500))
      .execute(),
  )
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actor: r.actor_name,
    actor_kind: r.actor_kind,
    subject: r.subject,
    metadata: r.metadata_json ? (JSON.parse(r.metadata_json) as Record<string, unknown>) : null,
    created_at: r.created_at.toISOString(),
  }))
}
