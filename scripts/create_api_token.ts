// create_api_token --user EMAIL --scopes a,b [--name N] [--expires 2027-01-01|30d|never (default 90d)] [--actor A] [--json]
// Prints the secret once, alone on stdout (so `TOKEN=$(…)` works); the details and the warning go
// to stderr. Exit 0 created · 2 bad input · 3 user disabled · 4 unknown user.
import { EXIT, parseCliArgs, requireOption, runCliIfMain, type CliIo } from '../lib/cli/run'
import { SCOPES } from '../lib/auth/principal'
import { createApiToken, parseExpiry } from '../lib/auth/tokens'
import { cliActorFor } from '../lib/cli/actor'

const DEFAULT_EXPIRY = '90d'
const USAGE = `usage: create_api_token --user EMAIL --scopes ${SCOPES.join(',')} [--name N] [--expires 2027-01-01|30d|never (default 90d)] [--actor A] [--json]`

/** The command's logic; tests call it in-process (lib/auth/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(
    {
      user: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      actor: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
    argv,
  )
  const userEmail = requireOption(args.user, 'user', USAGE)
  const scopes = requireOption(args.scopes, 'scopes', USAGE)
  const actor = await cliActorFor(args.actor, 'admin')
  // Tokens expire unless the operator explicitly asks for one that never does.
  const expiresAt = args.expires === 'never' ? null : parseExpiry(args.expires ?? DEFAULT_EXPIRY)
  const { token, secret } = await createApiToken({ userEmail, scopes, name: args.name, expiresAt }, actor)
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ token, secret }, null, 2)}\n`)
    return EXIT.ok
  }
  const limited = token.scopes.filter((s) => !token.effective_scopes.includes(s))
  io.stderr.write(
    `Created API token '${token.name}' (${token.prefix}) for ${token.user_email}; scopes: ${token.scopes.join(' ')}; ` +
      `expires: ${token.expires_at ?? 'never'}.\n` +
      (limited.length ? `Note: the user's role does not allow ${limited.join(', ')}; the token cannot use them unless the role changes.\n` : ''),
  )
  io.stdout.write(`${secret}\n`)
  io.stderr.write('Copy the token now: it is shown only this once and cannot be recovered (revoke and create a new one if lost).\n')
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
