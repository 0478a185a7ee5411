// Who a writing CLI acts as (docs/cli.md, "Who acts"). `--actor` used to be free text, so a shell
// user could pass four-eyes by naming someone else. Once the database has users:
// - `--actor` must name one active user (by email, or by name when only one user has it) whose
//   role allows the command; the actor is then that user, with the same id as in the portal, so
//   four-eyes compares the same person whichever way they come in;
// - DATA_DIR/cli-users.json, when present, maps OS users to users and is authoritative: an OS
//   user acts as their mapped user (`--actor` may only name that user), an unmapped one is refused;
// - without `--actor` or a mapping the actor is the OS user itself, which may not review.
// A database without users (a fresh install) has nobody to impersonate: `--actor` stays free text.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROLES, userActor, roleAtLeast, type Role } from '../auth/principal'
import { getSql } from '../db/sql'
import { env } from '../env'
import { ForbiddenError, InvalidError } from '../errors'
import { cliActor, type Actor } from '../input-sets/actor'

export const CLI_USERS_FILE = 'cli-users.json'

type ActiveUser = { id: number; email: string; name: string; role: Role; disabled: boolean }

/**
 * The actor of a CLI that writes. `need` is the least role the command needs (as in the portal):
 * editor to import, approver to review, admin for accounts and tokens, viewer to export.
 */
export async function cliActorFor(given: string | undefined, need: Role): Promise<Actor> {
  const osUser = os.userInfo().username
  const users = await getSql().withConnection((conn) => conn.db.selectFrom('app_user').select(['id', 'email', 'name', 'role', 'disabled_at']).execute())
  if (users.length === 0) return cliActor(given)
  const all: ActiveUser[] = users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled_at !== null }))
  const mapping = readMapping()
  if (mapping) {
    const mapped = mapping.users[osUser]
    if (mapped === undefined) {
      throw new ForbiddenError(`OS user '${osUser}' is not in ${mapping.file}; ask an administrator to map it to a user.`, { field: 'actor' }, 'actor_not_mapped')
    }
    const user = findUser(all, mapped, `${mapping.file} maps '${osUser}' to`)
    if (given !== undefined && findUser(all, given, '--actor').id !== user.id) {
      throw new ForbiddenError(`--actor '${given}' is not you: ${mapping.file} maps OS user '${osUser}' to ${user.email}.`, { field: 'actor' }, 'actor_mismatch')
    }
    return allowed(user, need)
  }
  if (given !== undefined) return allowed(findUser(all, given, '--actor'), need)
  if (need === 'approver') {
    throw new ForbiddenError(
      `This command reviews, so it must act as a user who may review: pass --actor with the email or name of an active approver or admin (OS user '${osUser}' is not one).`,
      { field: 'actor' },
      'actor_required',
    )
  }
  return cliActor()
}

/** One user named by email (any case) or by name; refused when there is none or the name is shared. */
function findUser(users: ActiveUser[], who: string, source: string): ActiveUser {
  const text = who.trim()
  const byEmail = users.find((u) => u.email === text.toLowerCase())
  if (byEmail) return byEmail
  const byName = users.filter((u) => u.name === text)
  if (byName.length === 1) return byName[0]
  if (byName.length > 1) {
    throw new ForbiddenError(`${source} '${text}' is the name of ${byName.length} users; use the email instead.`, { field: 'actor' }, 'actor_ambiguous')
  }
  throw new ForbiddenError(
    `${source} '${text}' is not a user: name an existing user by email or name (scripts/create_user.ts creates one).`,
    { field: 'actor' },
    'actor_unknown',
  )
}

function allowed(user: ActiveUser, need: Role): Actor {
  if (user.disabled) throw new ForbiddenError(`User ${user.email} is disabled and cannot act.`, { field: 'actor' }, 'actor_disabled')
  if (!roleAtLeast(user.role, need)) {
    const may = ROLES.filter((r) => roleAtLeast(r, need)).join(' or ')
    throw new ForbiddenError(`User ${user.email} is ${user.role}; this command needs ${may}.`, { field: 'actor' }, 'actor_role')
  }
  return { ...userActor(user, 'user'), kind: 'cli' }
}

/** DATA_DIR/cli-users.json: `{"<OS user>": "<email or name>"}`; absent means no mapping. */
function readMapping(): { file: string; users: Record<string, string> } | null {
  const file = path.join(env().DATA_DIR, CLI_USERS_FILE)
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new InvalidError(`${file} cannot be read: ${(err as Error).message}`, { field: 'actor' })
  }
  let users: unknown
  try {
    users = JSON.parse(text)
  } catch {
    throw new InvalidError(`${file} is not JSON; it maps OS users to users: {"deploy": "ops_lead@example.com"}.`, { field: 'actor' })
  }
  if (!users || typeof users !== 'object' || Array.isArray(users) || Object.values(users).some((v) => typeof v !== 'string')) {
    throw new InvalidError(`${file} must be one JSON object of OS user → user email or name, e.g. {"deploy": "ops_lead@example.com"}.`, { field: 'actor' })
  }
  return { file, users: users as Record<string, string> }
}
