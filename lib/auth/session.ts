// Reading the next-auth session cookie (an encrypted JWT) outside next-auth: route handlers via
// request-auth.ts, server components via next/headers cookies(). Role and enabled state come from
// the database on every request, so a role change or a disabled account takes effect at once.
import { decodeSessionToken } from './session-token'
import { sessionPrincipal, type Principal } from './principal'
import { findUserRow } from './users'

/** The signed-in user's principal, or null for a missing, forged, expired or ended session or a disabled user. */
export async function principalFromSessionToken(token: string | null | undefined): Promise<Principal | null> {
  const claims = await decodeSessionToken(token)
  if (!claims) return null
  const user = await findUserRow({ id: claims.userId })
  // The email must still match: the token names one account, not whoever holds its id later.
  if (!user || user.disabledAt || user.email !== claims.email) return null
  // Ended by sign-out or an account change since the cookie was issued (lib/auth/session-version.ts).
  if (claims.sessionVersion !== user.sessionVersion) return null
  return sessionPrincipal(user)
}
