// Reading the security side of the audit trail (accounts, tokens, sign-in, sessions). Events are
// written by the one writer, lib/audit/record.ts, in the transaction of their change.
import { getSql } from '../db/sql'
import type { Actor } from '../input-sets/actor'

/** Who acts when nobody is signed in yet: the sign-in endpoint itself. */
export const SIGN_IN_ACTOR: Actor = { kind: 'system', id: 'system:sign-in', name: 'sign-in' }

export type AuditEventView = {
  id: number
  /** `{entity}.{verb}`, e.g. `token.revoke` (lib/audit/actions.ts). */
  action: string
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
