// revoke_api_token --token PREFIX_OR_ID [--actor A] [--json]
// Exit 0 revoked · 2 bad usage · 3 already revoked · 4 unknown token.
import { EXIT, parseCliArgs, requireOption, runCliIfMain, type CliIo } from '../lib/cli/run'
import { revokeApiToken } from '../lib/auth/tokens'
import { cliActorFor } from '../lib/cli/actor'

const USAGE = 'usage: revoke_api_token --token PREFIX_OR_ID [--actor A] [--json]'

/** The command's logic; tests call it in-process (lib/auth/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs({ token: { type: 'string' }, actor: { type: 'string' }, json: { type: 'boolean' } }, USAGE, argv)
  const ref = requireOption(args.token, 'token', USAGE)
  const token = await revokeApiToken(ref, await cliActorFor(args.actor, 'admin'))
  if (args.json) io.stdout.write(`${JSON.stringify(token, null, 2)}\n`)
  else io.stdout.write(`Revoked API token ${token.prefix} ('${token.name}') of ${token.user_email}.\n`)
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
