// User accounts: create, change password/role/disabled, look up. Each change writes a
// user.create/user.update audit event in the same transaction.
import { z } from 'zod'
import { getSql, type SqlConn } from '../db/sql'
import { preparedQuery } from '../db/prepared'
import { ConflictError, InvalidError, NotFoundError } from '../errors'
import type { Actor } from '../input-sets/actor'
import { recordAuditEvent } from '../audit/record'
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
const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/)

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

const USER_ROW = [
  'id',
  'email',
  'name',
  'role',
  'password_hash as passwordHash',
  'disabled_at as disabledAt',
  'created_at as createdAt',
  'session_version as sessionVersion',
] as const

// Every request with a session cookie reads its user: a prepared lookup by id (or email at sign-in).
const userById = preparedQuery((db, id: number) => db.selectFrom('app_user').select(USER_ROW).where('id', '=', id))
const userByEmail = preparedQuery((db, email: string) => db.selectFrom('app_user').select(USER_ROW).where('email', '=', email))

/** An account as stored, password hash included. */
export type UserRow = Awaited<ReturnType<typeof userById>>[number]

async function readUserRow(conn: SqlConn, where: { email: string } | { id: number }): Promise<UserRow | undefined> {
  const [row] = 'id' in where ? await userById(conn, where.id) : await userByEmail(conn, where.email)
  return row
}

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
  return (await getSql().withConnection((conn) => readUserRow(conn, where))) ?? null
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
    const row = await conn.db
      .insertInto('app_user')
      .values({ email, name, role, password_hash: passwordHash, created_at: at })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) throw new ConflictError(`User '${email}' already exists.`)
    await recordAuditEvent(conn, { action: 'user.create', actor, subject: `user:${email}`, metadata: { role, sso_only: passwordHash === null }, at })
    return row.id
  })
  return { id, email, name, role, has_password: passwordHash !== null, disabled: false, created_at: at.toISOString() }
}

/** Locks the user's row for the rest of the transaction (PostgreSQL; SQLite holds the write lock). */
async function lockUser(conn: SqlConn, email: string) {
  const row = await conn.db
    .selectFrom('app_user')
    .select(['id', 'role', 'disabled_at'])
    .where('email', '=', email)
    .$if(conn.kind === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst()
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
    await conn.db.updateTable('app_user').set({ password_hash: hash }).where('id', '=', user.id).execute()
    await endSessions(conn, user.id)
    await conn.db.deleteFrom('sign_in_throttle').where('key', '=', `email:${email}`).execute()
    await recordAuditEvent(conn, { action: 'user.update', actor, subject: `user:${email}`, metadata: { changed: ['password'] }, at })
  })
}

export async function setUserRole(rawEmail: string, rawRole: string, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  const role = parseRole(rawRole)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    if (user.role === role) return
    await conn.db.updateTable('app_user').set({ role }).where('id', '=', user.id).execute()
    await endSessions(conn, user.id)
    await recordAuditEvent(conn, {
      action: 'user.update',
      actor,
      subject: `user:${email}`,
      metadata: { changed: ['role'], role: { from: user.role, to: role } },
      at,
    })
  })
}

/** A disabled user's sessions end and tokens stop working at once; enabling restores the tokens, not the sessions. */
export async function setUserDisabled(rawEmail: string, disabled: boolean, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    if ((user.disabled_at !== null) === disabled) return
    await conn.db
      .updateTable('app_user')
      .set({ disabled_at: disabled ? at : null })
      .where('id', '=', user.id)
      .execute()
    await endSessions(conn, user.id)
    await recordAuditEvent(conn, { action: 'user.update', actor, subject: `user:${email}`, metadata: { changed: ['disabled'], disabled }, at })
  })
}

/** Ends every session of the user (a stolen cookie, a shared machine): they sign in again. */
export async function endUserSessions(rawEmail: string, actor: Actor): Promise<void> {
  const email = normalizeEmail(rawEmail)
  const at = new Date()
  await getSql().transaction(async (conn) => {
    const user = await lockUser(conn, email)
    await endSessions(conn, user.id)
    await recordAuditEvent(conn, { action: 'user.update', actor, subject: `user:${email}`, metadata: { changed: ['sessions'] }, at })
  })
}
