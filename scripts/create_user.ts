// create_user --email E --role viewer|editor|approver|admin [--name N] [--password P | --sso] [--actor A] [--json]
// Without --password it asks twice on a terminal; --sso creates a user without a password, who
// signs in through single sign-on only. Exit 0 created · 2 bad input · 3 the user exists.
import { promptNewPassword } from '../lib/cli/prompt'
import { EXIT, parseCliArgs, requireOption, runCliIfMain, UsageError, type CliIo } from '../lib/cli/run'
import { ROLES } from '../lib/auth/principal'
import { createUser } from '../lib/auth/users'
import { cliActorFor } from '../lib/cli/actor'

const USAGE = `usage: create_user --email E --role ${ROLES.join('|')} [--name N] [--password P | --sso] [--actor A] [--json]`

/** The command's logic; tests call it in-process (lib/auth/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(
    {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      sso: { type: 'boolean' },
      actor: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
    argv,
  )
  const email = requireOption(args.email, 'email', USAGE)
  const role = requireOption(args.role, 'role', USAGE)
  const actor = await cliActorFor(args.actor, 'admin')
  if (args.sso && args.password !== undefined) throw new UsageError(`--password and --sso exclude each other.\n${USAGE}`)
  let password = args.password
  if (password === undefined && !args.sso) {
    if (!process.stdin.isTTY) throw new UsageError(`Give --password (or --sso): there is no terminal to ask on.\n${USAGE}`)
    password = await promptNewPassword()
  }
  const user = await createUser({ email, role, name: args.name, password }, actor)
  if (args.json) io.stdout.write(`${JSON.stringify(user, null, 2)}\n`)
  else io.stdout.write(`Created user ${user.email} (${user.role}${user.has_password ? '' : ', single sign-on only'}).\n`)
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
