// User accounts: create, change password/role/disabled, look up. Each change writes a
// user_create/user_update audit event in the same transaction.
import { z } from 'zod'
import { getDb } from '../db/client'
import { getSql, type SqlConn } from '../db/sql'
import { ConflictError, InvalidError, NotFoundError } from '../errors'
import type { Actor } from '../input-sets/actor'
import { recordAuditEvent } from './audit'
import { endSessions } from './session-version'
import { checkPasswordPolicy, hashPassword } from './passwords'
import { ROLES, type Role } from './principal'

export type UserView = {
  id: number
  email: string
  name: string
  role: Role
  /** False for users who sign in through SSO only. */
  has_password: boolean
  disabled: boolean
  created_at: string
}

// Deliberately loose (local parts are the mail server's business); `admin@localhost` must pass.
const emailSchema = z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@]+$/)

/** Lowercased and trimmed; throws InvalidError for something that is not an email address. */
export function normalizeEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw)
  if (!parsed.success) throw new InvalidError(`'${raw}' is not an email address.`, { field: 'email' })
  return parsed.data
}

export function parseRole(raw: string): Role {
  if (!(ROLES as readonly string[]).includes(raw)) throw new InvalidError(`Role must be one of ${ROLES.join(', ')}; got '${raw}'.`, { field: 'role' })
  return raw as Role
}

type UserRow = { id: number; email: string; name: string; role: Role; passwordHash: string | null; disabledAt: Date | null; createdAt: Date; sessionVersion: number }

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    has_password: u.passwordHash !== null,
    disabled: u.disabledAt !== null,
    created_at: u.createdAt.toISOString(),
  }
}

/** The stored row, password hash included: for sign-in only, never returned to callers. */
export async function findUserRow(where: { email: string } | { id: number }): Promise<UserRow | null> {
  return getDb().appUser.findUnique({ where })
}

export async function findUserByEmail(email: string): Promise<UserView | null> {
  const row = await findUserRow({ email: normalizeEmail(email) })
  return row && toUserView(row)
}

export type NewUser = { email: string; name?: string; role: string; password?: string }

/** Without a password the user can sign in through SSO only. */
export async function createUser(input: NewUser, actor: Actor): Promise<UserView> {
  const email = normalizeEmail(input.email)
  const role = parseRole(input.role)
  const name = (input.name ?? email.split('@')[0]).trim()
  if (!name || name.length > 200) throw new InvalidError('The name must be 1–200 characters.', { field: 'name' })
  if (input.password !== undefined) checkPasswordPolicy(input.password, email)
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
  const at = new Date()
  const id = await getSql().transaction(async (conn) => {
    const row = await conn.get<{ id: number }>(
      `INSERT INTO app_user (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, name, role, passwordHash, at],
    )
    if (!row) throw new ConflictError(`User '${email}' already exists.`)
    await recordAuditEvent(conn, { action: 'user_create', actor, subject: `user:${email}`, metadata: { role, sso_only: passwordHash === null }, at })
    return Number(row.id)
  })
  return { id, email, name, role, has_password: passwordHash !== null, disabled: false, created_at: at.toISOString() }
}

/** Locks the user's row for the rest of the transaction (PostgreSQL; SQLite holds the write lock). */
async function lockUser(conn: SqlConn, email: string): Promise<{ id: number; role: Role; disabled_at: unknown }> {
  const lock = conn.kind === 'postgres' ? ' FOR UPDATE' : ''
  const row = await conn.get<{ id: number; role: Role; disabled_at: unknown }>(`SELECT id, role, disabled_at FROM app_user WHERE email = ?${lock}`, [email])
  if (!row) throw new NotFoundError(`User '${email}' not found.`)
  return row
}

/** Also clears the account's sign-in lock: an administrator resetting a password unlocks it. */
export async function setUserPassword(rawEmail: string, password: string, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  checkPasswordPolicy(password, email)
  const hash = await hashPassword(password)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    await conn.run('UPDATE app_user SET password_hash = ? WHERE id = ?', [hash, user.id])
    await endSessions(conn, user.id)
    await conn.run('DELETE FROM sign_in_throttle WHERE key = ?', [`email:${email}`])
    await recordAuditEvent(conn, { action: 'user_update', actor, subject: `user:${email}`, metadata: { changed: ['password'] }, at })
  })
}

export async function setUserRole(rawEmail: string, rawRole: string, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  const role = parseRole(rawRole)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    if (user.role === role) return
    await conn.run('UPDATE app_user SET role = ? WHERE id = ?', [role, user.id])
    await endSessions(conn, user.id)
    await recordAuditEvent(conn, { action: 'user_update', actor, subject: `user:${email}`, metadata: { changed: ['role'], role: { from: user.role, to: role } }, at })
  })
}

/** A disabled user's sessions end and tokens stop working at once; enabling restores the tokens, not the sessions. */
export async function setUserDisabled(rawEmail: string, disabled: boolean, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    if ((user.disabled_at !== null) === disabled) return
    await conn.run('UPDATE app_user SET disabled_at = ? WHERE id = ?', [disabled ? at : null, user.id])
    await endSessions(conn, user.id)
    await recordAuditEvent(conn, { action: 'user_update', actor, subject: `user:${email}`, metadata: { changed: ['disabled'], disabled }, at })
  })
}

/** Ends every session of the user (a stolen cookie, a shared machine): they sign in again. */
export async function endUserSessions(rawEmail: string, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    await endSessions(conn, user.id)
    await recordAuditEvent(conn, { action: 'user_update', actor, subject: `user:${email}`, metadata: { changed: ['sessions'] }, at })
  })
}
