// create_config_version --id N --name X [--json]
import { EXIT, parseCliArgs, requireOption, runCliIfMain, type CliIo } from '../lib/cli/run'
import { createConfigVersion } from '../lib/input-sets/verbs/config-versions'

const USAGE = 'usage: create_config_version --id N --name X [--json]'

/** The command's logic; tests call it in-process (scripts/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs({ id: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } }, USAGE, argv)
  const created = await createConfigVersion({ id: requireOption(args.id, 'id', USAGE), name: requireOption(args.name, 'name', USAGE) })
  io.stdout.write(args.json ? `${JSON.stringify(created, null, 2)}\n` : `Created config version ${created.id} ('${created.name}').\n`)
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
