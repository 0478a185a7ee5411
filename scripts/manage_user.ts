// manage_user --email E (--role R | --disable | --enable | --password P|- | --end-sessions | --show) [--actor A] [--json]
// Changes one account (--password - asks for the new password on the terminal). A new role, a new password, disabling and --end-sessions end the user's
// sessions (they sign in again); API tokens stop working while the account is disabled and work
// again once it is enabled. Each change writes a user.update audit event in its transaction.
// --show prints the account and its newest security events. Exit 0 done · 2 bad input · 4 no such user.
import { listAuditEvents } from '../lib/auth/audit'
import { ROLES } from '../lib/auth/principal'
import { endUserSessions, findUserByEmail, normalizeEmail, setUserDisabled, setUserPassword, setUserRole } from '../lib/auth/users'
import { promptNewPassword } from '../lib/cli/prompt'
import { EXIT, parseCliArgs, requireOption, runCliIfMain, UsageError, type CliIo } from '../lib/cli/run'
import { NotFoundError } from '../lib/errors'
import { cliActorFor } from '../lib/cli/actor'

const USAGE = `usage: manage_user --email E (--role ${ROLES.join('|')} | --disable | --enable | --password P|- | --end-sessions | --show) [--actor A] [--json]`
const CHANGES = ['role', 'disable', 'enable', 'password', 'end-sessions', 'show'] as const

/** The command's logic; tests call it in-process (lib/auth/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(
    {
      email: { type: 'string' },
      role: { type: 'string' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
      password: { type: 'string' },
      'end-sessions': { type: 'boolean' },
      show: { type: 'boolean' },
      actor: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
    argv,
  )
  const email = normalizeEmail(requireOption(args.email, 'email', USAGE))
  const chosen = CHANGES.filter((c) => args[c] !== undefined && args[c] !== false)
  if (chosen.length !== 1) throw new UsageError(`Give exactly one of --${CHANGES.join(', --')}.\n${USAGE}`)
  const actor = await cliActorFor(args.actor, 'admin')
  const user = await findUserByEmail(email)
  if (!user) throw new NotFoundError(`User '${email}' not found.`)
  let said: string
  switch (chosen[0]) {
    case 'show': {
      const events = await listAuditEvents({ subject: `user:${email}`, limit: 20 })
      if (args.json) io.stdout.write(`${JSON.stringify({ user, events }, null, 2)}\n`)
      else {
        io.stdout.write(`${user.email} (${user.name}) · ${user.role}${user.disabled ? ' · disabled' : ''}${user.has_password ? '' : ' · single sign-on only'}\n`)
        for (const e of events) io.stdout.write(`${e.created_at}  ${e.action.padEnd(12)} ${e.actor}${e.metadata ? `  ${JSON.stringify(e.metadata)}` : ''}\n`)
      }
      return EXIT.ok
    }
    case 'role':
      await setUserRole(email, args.role!, actor)
      said = `${email} is now ${args.role}; their sessions ended.`
      break
    case 'disable':
      await setUserDisabled(email, true, actor)
      said = `${email} is disabled: sessions ended, API tokens refused.`
      break
    case 'enable':
      await setUserDisabled(email, false, actor)
      said = `${email} is enabled again; they sign in anew.`
      break
    case 'password': {
      let password = args.password!
      if (password === '-') {
        if (!process.stdin.isTTY) throw new UsageError(`--password - asks on a terminal, and there is none: give --password P.\n${USAGE}`)
        password = await promptNewPassword()
      }
      await setUserPassword(email, password, actor)
      said = `Password of ${email} changed; their sessions ended and the sign-in lock was cleared.`
      break
    }
    case 'end-sessions':
      await endUserSessions(email, actor)
      said = `Every session of ${email} ended.`
      break
  }
  if (args.json) io.stdout.write(`${JSON.stringify({ user: await findUserByEmail(email) }, null, 2)}\n`)
  else io.stdout.write(`${said}\n`)
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
