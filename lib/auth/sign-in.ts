// Email + password sign-in with throttling (throttle.ts). Unknown email, wrong password, disabled
// or SSO-only account all give the same error after the same amount of work, so the answer never
// tells whether an account exists; the audit event records the real reason for administrators.
import { getSql } from '../db/sql'
import { UnauthorizedError } from '../errors'
import { recordAuditEvent } from '../audit/record'
import { SIGN_IN_ACTOR } from './audit'
import { burnPasswordCheck, verifyPassword } from './passwords'
import { failAttempt, releaseAttempt, reserveAttempt, throttleKeys } from './throttle'
import { findUserRow, normalizeEmail, toUserView, type UserView } from './users'

export const INVALID_CREDENTIALS = 'Invalid email or password.'

function lockedError(until: Date, now: Date): UnauthorizedError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  return new UnauthorizedError('Too many failed sign-in attempts. Try again later.', { retry_after_seconds: seconds }, 'sign_in_locked')
}

function emailKeyOf(raw: string): string {
  try {
    return normalizeEmail(raw)
  } catch {
    // Not an address: still counted (and locked) under what was typed, bounded in length.
    return raw.trim().toLowerCase().slice(0, 254)
  }
}

export type Credentials = { email: string; password: string; ip?: string }

/** The signed-in user, or UnauthorizedError code 'invalid_credentials' | 'sign_in_locked'. */
export async function verifyCredentials({ email: rawEmail, password, ip }: Credentials, now = new Date()): Promise<UserView> {
  const email = emailKeyOf(rawEmail)
  const sql = getSql()
  const reserved = await sql.transaction((conn) => reserveAttempt(conn, throttleKeys(email, ip), now))
  if (!reserved.ok) throw lockedError(reserved.lockedUntil, now)

  const user = email ? await findUserRow({ email }) : null
  let reason: string | null
  if (user?.passwordHash) {
    reason = (await verifyPassword(password, user.passwordHash)) ? null : 'wrong_password'
    if (!reason && user.disabledAt) reason = 'disabled'
  } else {
    await burnPasswordCheck(password)
    reason = user ? 'no_password' : 'unknown_user'
  }

  if (!reason) {
    await sql.transaction((conn) => releaseAttempt(conn, reserved.reservations))
    return toUserView(user!)
  }
  await sql.transaction(async (conn) => {
    await recordAuditEvent(conn, { action: 'sign_in.failed', actor: SIGN_IN_ACTOR, subject: `email:${email}`, metadata: { reason, ip: ip ?? null }, at: now })
    await failAttempt(conn, reserved.reservations, now)
  })
  // The attempt that sets a lock still gets the generic answer; the next one learns of the lock.
  throw new UnauthorizedError(INVALID_CREDENTIALS, undefined, 'invalid_credentials')
}
