// Security audit events that belong to no input set (accounts, tokens, sign-in). Written on the
// caller's transaction connection, so a change and its event commit or roll back together.
import { getDb } from '../db/client'
import type { SqlConn } from '../db/sql'
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
  const row = await conn.get<{ id: number }>(
    `INSERT INTO audit_event (action, actor_kind, actor_id, actor_name, subject, metadata_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [e.action, e.actor.kind, e.actor.id, e.actor.name, e.subject, e.metadata ? JSON.stringify(e.metadata) : null, e.at],
  )
  return Number(row!.id)
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
  const rows = await getDb().auditEvent.findMany({
    where: filter.subject ? { subject: filter.subject } : undefined,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(filter.limit ?? 100, 1), 500),
  })
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actor: r.actorName,
    actor_kind: r.actorKind,
    subject: r.subject,
    metadata: r.metadataJson ? (JSON.parse(r.metadataJson) as Record<string, unknown>) : null,
    created_at: r.createdAt.toISOString(),
  }))
}
