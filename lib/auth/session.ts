// Reading the next-auth session cookie (an encrypted JWT) outside next-auth: route handlers via
// request-auth.ts, server components via next/headers cookies(). Role and enabled state come from
// the database on every request, so a role change or a disabled account takes effect at once.
import { decode } from 'next-auth/jwt'
import { authSecret } from './secret'
import { sessionPrincipal, type Principal } from './principal'
import { findUserRow } from './users'

/** Sessions last a working day; signing in again is cheap, a stolen cookie ages out. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60

// next-auth names the cookie by whether the site is served over https; the __Secure- one first.
export const SESSION_COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const

/** The raw session token from a cookie lookup; next-auth splits long values into `.0`, `.1`, … */
export function sessionTokenFromCookies(get: (name: string) => string | undefined): string | undefined {
  for (const name of SESSION_COOKIE_NAMES) {
    const whole = get(name)
    if (whole) return whole
    const chunks: string[] = []
    for (let i = 0, part = get(`${name}.0`); part !== undefined; part = get(`${name}.${++i}`)) chunks.push(part)
    if (chunks.length) return chunks.join('')
  }
  return undefined
}

/** Cookie header → lookup, for a plain Request. */
export function cookieLookup(header: string | null): (name: string) => string | undefined {
  const jar = new Map<string, string>()
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=')
    if (eq < 0) continue
    const name = pair.slice(0, eq).trim()
    if (!jar.has(name)) jar.set(name, pair.slice(eq + 1).trim())
  }
  return (name) => jar.get(name)
}

/** The signed-in user's principal, or null for a missing, forged or expired token or a disabled user. */
export async function principalFromSessionToken(token: string | null | undefined): Promise<Principal | null> {
  if (!token) return null
  let payload: Awaited<ReturnType<typeof decode>>
  try {
    payload = await decode({ token, secret: authSecret() })
  } catch {
    return null
  }
  const id = Number(payload?.sub)
  if (!payload || !Number.isSafeInteger(id) || id <= 0) return null
  const user = await findUserRow({ id })
  // The email must still match: the token names one account, not whoever holds its id later.
  if (!user || user.disabledAt || user.email !== payload.email) return null
  return sessionPrincipal(user)
}
