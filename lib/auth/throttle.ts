// Sign-in throttling shared by every app instance (the counters live in the database).
// An attempt is counted *before* its password is checked, inside one write transaction, so
// attempts made in parallel cannot all slip under the limit; a correct password gives the count
// back. A key is locked when its count reaches the limit with a failure (or would pass it);
// the sign_in.locked audit event is written once, when the lock is set.
import { sql, type Expression, type SqlBool } from 'kysely'
import type { SqlConn } from '../db/sql'
import { recordAuditEvent } from '../audit/record'
import { SIGN_IN_ACTOR } from './audit'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
export const LOCK_MS = 15 * 60 * 1000
export const MAX_FAILURES = { email: 5, ip: 20 } as const

export type ThrottleKey = { key: string; limit: number }

export function throttleKeys(email: string, ip: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `email:${email}`, limit: MAX_FAILURES.email }]
  if (ip) keys.push({ key: `ip:${ip}`, limit: MAX_FAILURES.ip })
  return keys
}

/** A counted attempt; `windowStart` is kept as read, to settle the count in the same window. */
export type Reservation = ThrottleKey & { windowStart: Date }
export type ReserveResult = { ok: true; reservations: Reservation[] } | { ok: false; lockedUntil: Date }

/**
 * Sets the lock unless one is already in force, re-checked by the UPDATE itself: of attempts
 * racing to lock the same key, one writes the lock and its audit event.
 */
async function lock(conn: SqlConn, { key, limit }: ThrottleKey, now: Date, onlyIf?: Reservation): Promise<void> {
  const lockedUntil = new Date(now.getTime() + LOCK_MS)
  const { numUpdatedRows } = await conn.db
    .updateTable('sign_in_throttle')
    .set({ locked_until: lockedUntil })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    // After a wrong password: only while this attempt's window stands and its count reached the limit.
    .$if(onlyIf !== undefined, (q) => q.where('window_start', '=', onlyIf!.windowStart).where('failures', '>=', onlyIf!.limit))
    .executeTakeFirstOrThrow()
  if (numUpdatedRows === 0n) return
  await recordAuditEvent(conn, {
    action: 'sign_in.locked',
    actor: SIGN_IN_ACTOR,
    subject: key,
    metadata: { failures: limit, locked_until: lockedUntil.toISOString() },
    at: now,
  })
}

/** Counts an attempt on every key, or refuses it (counting nothing) when a key is or gets locked. */
export async function reserveAttempt(conn: SqlConn, keys: ThrottleKey[], now: Date): Promise<ReserveResult> {
  const windowCutoff = new Date(now.getTime() - THROTTLE_WINDOW_MS)
  const reservations: Reservation[] = []
  const over: ThrottleKey[] = []
  const locks: number[] = []
  // Always the same key order (email, then address), so concurrent attempts cannot deadlock.
  for (const k of keys) {
    // Portable upsert (SQLite ≥ 3.35 and PostgreSQL); on PostgreSQL it also holds the row lock
    // until commit, so the lock read back here is current. A window older than 15 minutes starts over.
    const windowOver: Expression<SqlBool> = sql<boolean>`sign_in_throttle.window_start <= ${windowCutoff}`
    const row = await conn.db
      .insertInto('sign_in_throttle')
      .values({ key: k.key, failures: 1, window_start: now, locked_until: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN ${windowOver} THEN 1 ELSE sign_in_throttle.failures + 1 END`,
          window_start: sql<Date>`CASE WHEN ${windowOver} THEN excluded.window_start ELSE sign_in_throttle.window_start END`,
        }),
      )
      .returning(['failures', 'window_start', 'locked_until'])
      .executeTakeFirstOrThrow()
    reservations.push({ ...k, windowStart: row.window_start })
    const until = row.locked_until
    if (until && until > now) locks.push(until.getTime())
    else if (row.failures > k.limit) over.push(k)
  }
  if (!locks.length && !over.length) return { ok: true, reservations }
  // Refused: the attempt is not made, so it does not count. Attempts still in flight already
  // use up a key's limit: that key is locked now.
  await giveBack(conn, reservations)
  for (const k of over) await lock(conn, k, now)
  return { ok: false, lockedUntil: new Date(locks.length ? Math.max(...locks) : now.getTime() + LOCK_MS) }
}

async function giveBack(conn: SqlConn, reservations: Reservation[]): Promise<void> {
  for (const { key, windowStart } of reservations) {
    await conn.db
      .updateTable('sign_in_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', key)
      .where('window_start', '=', windowStart)
      .where('failures', '>', 0)
      .execute()
  }
}

/** After a wrong password: the count stays; a key that reached its limit is locked. */
export async function failAttempt(conn: SqlConn, reservations: Reservation[], now: Date): Promise<void> {
  for (const r of reservations) await lock(conn, r, now, r)
}

/** After a correct password: the account starts over; the address only gets this attempt back. */
export async function releaseAttempt(conn: SqlConn, reservations: Reservation[]): Promise<void> {
  for (const r of reservations) {
    if (r.key.startsWith('email:')) await conn.db.deleteFrom('sign_in_throttle').where('key', '=', r.key).execute()
    else await giveBack(conn, [r])
  }
}
