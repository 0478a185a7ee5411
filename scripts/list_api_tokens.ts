// list_api_tokens [--user EMAIL] [--json]
// Lists tokens with prefix, owner, scopes and status; secrets are never stored, so never shown.
import { EXIT, parseCliArgs, runCliIfMain, type CliIo } from '../lib/cli/run'
import { listApiTokens } from '../lib/auth/tokens'

const USAGE = 'usage: list_api_tokens [--user EMAIL] [--json]'

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-')

/** The command's logic; tests call it in-process (lib/auth/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs({ user: { type: 'string' }, json: { type: 'boolean' } }, USAGE, argv)
  const tokens = await listApiTokens({ userEmail: args.user })
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ api_tokens: tokens }, null, 2)}\n`)
    return EXIT.ok
  }
  if (!tokens.length) {
    io.stdout.write('No API tokens.\n')
    return EXIT.ok
  }
  const header = ['id', 'prefix', 'user', 'name', 'status', 'scopes', 'expires (UTC)', 'last used (UTC)']
  const rows = tokens.map((t) => [String(t.id), t.prefix, t.user_email, t.name, t.status, t.scopes.join(' '), day(t.expires_at), day(t.last_used_at)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const row of [header, ...rows])
    io.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    )
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
