// create_config_version --id N --name X [--json]
import { EXIT, parseCliArgs, requireOption, runCli } from '../lib/cli/run'
import { createConfigVersion } from '../lib/input-sets/verbs/config-versions'

const USAGE = 'usage: create_config_version --id N --name X [--json]'

void runCli(async () => {
  const args = parseCliArgs({ id: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const created = await createConfigVersion({ id: requireOption(args.id, 'id', USAGE), name: requireOption(args.name, 'name', USAGE) })
  process.stdout.write(args.json ? `${JSON.stringify(created, null, 2)}\n` : `Created config version ${created.id} ('${created.name}').\n`)
  return EXIT.ok
})
