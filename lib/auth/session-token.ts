// The next-auth session cookie (an encrypted JWT) read outside next-auth: finding it among the
// cookies and decoding it with our key. No database here, so proxy.ts can use it cheaply.
import { decode } from 'next-auth/jwt'
import { authSecret } from './secret'

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

export type SessionClaims = { userId: number; email: unknown; sessionVersion: unknown }

/**
 * The claims of a session cookie that next-auth issued with our key and that has not expired, else
 * null. No database read: proxy.ts uses it to turn away callers without a session before any page
 * renders; whether the session still stands is principalFromSessionToken's question.
 */
export async function decodeSessionToken(token: string | null | undefined): Promise<SessionClaims | null> {
  if (!token) return null
  let payload: Awaited<ReturnType<typeof decode>>
  try {
    payload = await decode({ token, secret: authSecret() })
  } catch {
    return null
  }
  const id = Number(payload?.sub)
  if (!payload || !Number.isSafeInteger(id) || id <= 0) return null
  return { userId: id, email: payload.email, sessionVersion: payload.sv }
}
