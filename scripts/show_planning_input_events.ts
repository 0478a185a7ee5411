// show_planning_input_events --label L [--limit N] [--json]
// Event history, newest first; --json prints the REST events body.
import { commandLineReadAccess } from '../lib/auth/access'
import { EXIT, parseCliArgs, parseIntOption, requireOption, runCli } from '../lib/cli/run'
import { cliActor } from '../lib/input-sets/actor'
import { listEvents } from '../lib/input-sets/queries/events'

const USAGE = 'usage: show_planning_input_events --label L [--limit N] [--json]'

void runCli(async () => {
  const args = parseCliArgs({ label: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const body = await listEvents(commandLineReadAccess(cliActor()), requireOption(args.label, 'label', USAGE), parseIntOption(args.limit, 'limit') ?? 100)
  if (args.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`)
    return EXIT.ok
  }
  const s = body.input_set
  process.stdout.write(`${s.label} (config version ${s.config_version_id}, ${s.status})\n`)
  for (const e of body.events) {
    const rev = e.revision !== null ? ` r${e.revision}` : ''
    process.stdout.write(`${e.created_at}  ${e.action.padEnd(8)}${rev.padEnd(5)} ${e.actor}${e.comment ? `  — ${e.comment}` : ''}\n`)
  }
  return EXIT.ok
})
