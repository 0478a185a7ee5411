// Callers for API tests: one user per role with a full-scope token, tokens that must be
// refused (expired, revoked, unknown secret), a real signed-in session, and multipart bodies.
import { randomBytes } from 'node:crypto'
import { createApiToken, revokeApiToken } from '../../lib/auth/tokens'
import { createUser } from '../../lib/auth/users'
import { ROLES, SCOPES, type Role, type Scope } from '../../lib/auth/principal'
import { getSql } from '../../lib/db/sql'
import { cliActor } from '../../lib/input-sets/actor'
import type { TestServer } from './server'

const setup = cliActor('test-setup')
export const PASSWORD = 'correct horse battery staple 42'

export type TestUser = { id: number; email: string; role: Role; token: string }

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

/** `<role>@example.test` with a token holding every scope (the role still limits it). */
export async function usersWithTokens(): Promise<Record<Role, TestUser>> {
  const out = {} as Record<Role, TestUser>
  for (const role of ROLES) {
    const user = await createUser({ email: `${role}@example.test`, role, password: PASSWORD }, setup)
    const { secret } = await createApiToken({ userEmail: user.email, name: 'full', scopes: SCOPES }, setup)
    out[role] = { id: user.id, email: user.email, role, token: secret }
  }
  return out
}

export async function tokenFor(email: string, scopes: readonly Scope[]): Promise<string> {
  return (await createApiToken({ userEmail: email, name: `scopes ${scopes.join(' ')}`, scopes }, setup)).secret
}

/** A token that was valid once: created with a future expiry, then moved into the past. */
export async function expiredToken(email: string): Promise<string> {
  const { token, secret } = await createApiToken({ userEmail: email, name: 'expired', scopes: SCOPES, expiresAt: new Date(Date.now() + 86_400_000) }, setup)
  await getSql().transaction((c) => c.run('UPDATE api_token SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 60_000), token.id]))
  return secret
}

export async function revokedToken(email: string): Promise<string> {
  const { token, secret } = await createApiToken({ userEmail: email, name: 'revoked', scopes: SCOPES }, setup)
  await revokeApiToken(String(token.id), setup)
  return secret
}

/** Well-formed, but no such token exists. */
export const unknownToken = (): string => `phk_${randomBytes(32).toString('base64url')}`

/** Signs in through next-auth's credentials flow, as the login form does; returns the Cookie header. */
export async function signIn(server: TestServer, email: string, password = PASSWORD): Promise<string> {
  const csrf = await server.fetch('/api/auth/csrf')
  const jar = cookies(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const res = await server.fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    redirect: 'manual',
  })
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token'))
  if (!session) throw new Error(`sign-in of ${email} failed: HTTP ${res.status}`)
  return session.split(';')[0]
}

function cookies(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

/** A multipart body as the upload form sends it; file names are passed through untouched. */
export function uploadForm(fields: Record<string, string>, files: Record<string, string | Buffer>): FormData {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const [name, data] of Object.entries(files)) form.append('files', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name)
  return form
}

// Replies default to `any`: tests probe error bodies field by field; success bodies pass their domain type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberate, see above
export type Loose = any
export type ApiReply<T = Loose> = { status: number; body: T; headers: Headers }

/** One request; the body is parsed as JSON when the server says it is JSON, else returned as bytes. */
export async function call<T = Loose>(
  server: TestServer,
  method: string,
  path: string,
  o: { headers?: Record<string, string>; json?: unknown; form?: FormData; body?: string } = {},
): Promise<ApiReply<T>> {
  const headers = { ...o.headers, ...(o.json !== undefined ? { 'content-type': 'application/json' } : {}) }
  const body = o.form ?? (o.json !== undefined ? JSON.stringify(o.json) : o.body)
  const res = await server.fetch(path, { method, headers, body })
  const isJson = res.headers.get('content-type')?.includes('application/json')
  return { status: res.status, body: (isJson ? await res.json() : Buffer.from(await res.arrayBuffer())) as T, headers: res.headers }
}
