// Server-side end of sessions. Session cookies are signed tokens that stay valid until they expire,
// so each user row carries a session version that every cookie names (`sv`); raising it ends every
// session issued before. Sign-out raises it, and so do a new password, a role change and disabling
// the account (lib/auth/users.ts), each in the transaction of its change.
import { getSql, type SqlConn } from '../db/sql'
import type { Actor } from '../input-sets/actor'
import { recordAuditEvent } from '../audit/record'

/** Ends every session of the user; the caller's transaction commits it with its own change. */
export async function endSessions(conn: SqlConn, userId: number): Promise<void> {
  await conn.db
    .updateTable('app_user')
    .set((eb) => ({ session_version: eb('session_version', '+', 1) }))
    .where('id', '=', userId)
    .execute()
}

/** Sign-out: this session and every other session of the user end, with a sign_out audit event. */
export async function signOutEverywhere(userId: number, actor: Actor): Promise<void> {
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await conn.db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirst()
    if (!user) return
    await endSessions(conn, userId)
    await recordAuditEvent(conn, { action: 'session.sign_out', actor, subject: `user:${user.email}`, at })
  })
}
