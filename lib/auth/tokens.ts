// API tokens: `phk_` + 32 random bytes (base64url). Only the SHA-256 of the secret is stored,
// with its first characters as a display prefix; the secret is returned once, at creation.
// A token acts for its owner with the scopes it was given that the owner's role still allows.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { getSql, type SqlConn } from '../db/sql'
import { preparedQuery } from '../db/prepared'
import { ConflictError, InvalidError, NotFoundError } from '../errors'
import type { Actor } from '../input-sets/actor'
import { recordAuditEvent } from '../audit/record'
import { ROLE_SCOPES, SCOPES, tokenPrincipal, type Principal, type Scope } from './principal'
import { normalizeEmail } from './users'

const TOKEN_PATTERN = /^phk_[A-Za-z0-9_-]{43}$/
export const TOKEN_PREFIX_LENGTH = 12
// last_used_at is bookkeeping, not an audit trail: at most one write per token and minute.
const LAST_USED_RESOLUTION_MS = 60 * 1000

export type ApiTokenStatus = 'active' | 'expired' | 'revoked'

export type ApiTokenView = {
  id: number
  prefix: string
  name: string
  user_email: string
  scopes: Scope[]
  /** What the token may do today: its scopes that the owner's role allows. */
  effective_scopes: Scope[]
  status: ApiTokenStatus
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
  created_at: string
}

export const hashTokenSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex')

/** Accepts `a,b`, `a b` or a list; refuses unknown scopes and an empty set. */
export function parseScopes(raw: string | readonly string[]): Scope[] {
  const items = (typeof raw === 'string' ? raw.split(/[\s,]+/) : raw).map((s) => s.trim()).filter(Boolean)
  const unknown = items.filter((s) => !(SCOPES as readonly string[]).includes(s))
  if (unknown.length) throw new InvalidError(`Unknown scope(s): ${unknown.join(', ')}. Known: ${SCOPES.join(', ')}.`, { field: 'scopes', unknown })
  if (!items.length) throw new InvalidError(`Give at least one scope: ${SCOPES.join(', ')}.`, { field: 'scopes' })
  return SCOPES.filter((s) => items.includes(s))
}

/** `30d` (days from now), `2027-01-01` (midnight UTC) or an ISO timestamp; must lie in the future. */
export function parseExpiry(raw: string, now = new Date()): Date {
  const text = raw.trim()
  const days = /^(\d{1,4})d$/.exec(text)
  const at = days
    ? new Date(now.getTime() + Number(days[1]) * 86_400_000)
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? new Date(`${text}T00:00:00Z`)
      : /^\d{4}-\d{2}-\d{2}T/.test(text)
        ? new Date(text)
        : new Date(NaN)
  if (Number.isNaN(at.getTime())) throw new InvalidError(`Expiry must be like 30d or 2027-01-01; got '${raw}'.`, { field: 'expires' })
  if (at <= now) throw new InvalidError(`Expiry ${at.toISOString()} is not in the future.`, { field: 'expires' })
  return at
}

/** Tokens with their owner, as the views below show them; `where` narrows the query. */
function tokenRows(conn: SqlConn) {
  return conn.db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.prefix',
      't.name',
      't.scopes',
      't.expires_at as expiresAt',
      't.revoked_at as revokedAt',
      't.last_used_at as lastUsedAt',
      't.created_at as createdAt',
    ])
    .select(['u.email', 'u.role'])
}

type TokenRow = Awaited<ReturnType<ReturnType<typeof tokenRows>['executeTakeFirstOrThrow']>>

const tokenById = (id: number) => getSql().withConnection((conn) => tokenRows(conn).where('t.id', '=', id).executeTakeFirstOrThrow())

function toView(t: TokenRow, now = new Date()): ApiTokenView {
  const scopes = parseScopes(t.scopes)
  return {
    id: t.id,
    prefix: t.prefix,
    name: t.name,
    user_email: t.email,
    scopes,
    effective_scopes: scopes.filter((s) => ROLE_SCOPES[t.role].includes(s)),
    status: t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active',
    expires_at: t.expiresAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
  }
}

export type NewApiToken = { userEmail: string; name?: string; scopes: string | readonly string[]; expiresAt?: Date | null }

/** Returns the secret; it is not stored and cannot be shown again. */
export async function createApiToken(input: NewApiToken, actor: Actor): Promise<{ token: ApiTokenView; secret: string }> {
  const email = normalizeEmail(input.userEmail)
  const scopes = parseScopes(input.scopes)
  const name = (input.name ?? 'API token').trim()
  if (!name || name.length > 200) throw new InvalidError('The token name must be 1–200 characters.', { field: 'name' })
  const now = new Date()
  if (input.expiresAt && input.expiresAt <= now) throw new InvalidError('The expiry must lie in the future.', { field: 'expires' })
  const secret = `phk_${randomBytes(32).toString('base64url')}`
  const prefix = secret.slice(0, TOKEN_PREFIX_LENGTH)
  const id = await getSql().transaction(async (conn) => {
    const user = await conn.db.selectFrom('app_user').select(['id', 'disabled_at']).where('email', '=', email).executeTakeFirst()
    if (!user) throw new NotFoundError(`User '${email}' not found.`)
    if (user.disabled_at !== null) throw new ConflictError(`User '${email}' is disabled.`)
    const { id: tokenId } = await conn.db
      .insertInto('api_token')
      .values({
        user_id: user.id,
        name,
        prefix,
        secret_hash: hashTokenSecret(secret),
        scopes: scopes.join(' '),
        expires_at: input.expiresAt ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(conn, {
      action: 'token.create',
      actor,
      subject: `token:${prefix}`,
      metadata: { token_id: tokenId, user: email, name, scopes, expires_at: input.expiresAt?.toISOString() ?? null },
      at: now,
    })
    return tokenId
  })
  return { token: toView(await tokenById(id), now), secret }
}

/** By id, prefix or the secret itself. A token revoked meanwhile (e.g. by a concurrent call) is a conflict. */
export async function revokeApiToken(ref: string, actor: Actor): Promise<ApiTokenView> {
  const text = ref.trim()
  const byText = (conn: SqlConn) => {
    const query = conn.db.selectFrom('api_token').innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    if (/^\d+$/.test(text)) return query.where('api_token.id', '=', Number(text))
    if (TOKEN_PATTERN.test(text)) return query.where('api_token.secret_hash', '=', hashTokenSecret(text))
    return query.where('api_token.prefix', '=', text)
  }
  // Never echo a secret back, not even in an error message.
  const shown = TOKEN_PATTERN.test(text) ? `${text.slice(0, TOKEN_PREFIX_LENGTH)}…` : text
  const now = new Date()
  const id = await getSql().transaction(async (conn) => {
    const token = await byText(conn).select(['api_token.id', 'api_token.prefix', 'api_token.name', 'app_user.email']).executeTakeFirst()
    if (!token) throw new NotFoundError(`API token '${shown}' not found.`)
    const { numUpdatedRows } = await conn.db
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('id', '=', token.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
    if (numUpdatedRows === 0n) throw new ConflictError(`API token ${token.prefix} is already revoked.`)
    await recordAuditEvent(conn, {
      action: 'token.revoke',
      actor,
      subject: `token:${token.prefix}`,
      metadata: { token_id: token.id, user: token.email, name: token.name },
      at: now,
    })
    return token.id
  })
  return toView(await tokenById(id), now)
}

// Every API request runs this: one prepared, joined query.
const tokenByHash = preparedQuery((db, hash: string) =>
  db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.secret_hash', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.email', 'u.role', 'u.disabled_at'])
    .where('t.secret_hash', '=', hash),
)

/** The token's principal, or null for anything but a live token of an enabled user. */
export async function verifyApiToken(secret: string, now = new Date()): Promise<Principal | null> {
  if (!TOKEN_PATTERN.test(secret)) return null
  const hash = hashTokenSecret(secret)
  const [token] = await getSql().withConnection((conn) => tokenByHash(conn, hash))
  // The index lookup already matched; comparing again in constant time keeps the check itself
  // free of timing differences whatever the database does.
  if (!token || !timingSafeEqual(Buffer.from(token.secret_hash, 'hex'), Buffer.from(hash, 'hex'))) return null
  if (token.revoked_at !== null || (token.expires_at && token.expires_at <= now) || token.disabled_at !== null) return null
  const lastUsedAt = token.last_used_at
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS)
    await getSql().transaction((conn) =>
      conn.db
        .updateTable('api_token')
        .set({ last_used_at: now })
        .where('id', '=', token.id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', staleBefore)]))
        .execute(),
    )
  }
  const user = { id: token.user_id, email: token.email, role: token.role }
  return tokenPrincipal(user, parseScopes(token.scopes))
}

/** Newest first; never includes secrets (they are not stored). */
export async function listApiTokens(filter: { userEmail?: string } = {}): Promise<ApiTokenView[]> {
  const email = filter.userEmail === undefined ? undefined : normalizeEmail(filter.userEmail)
  const rows = await getSql().withConnection((conn) =>
    tokenRows(conn)
      .$if(email !== undefined, (q) => q.where('u.email', '=', email!))
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .execute(),
  )
  return rows.map((r) => toView(r))
}
