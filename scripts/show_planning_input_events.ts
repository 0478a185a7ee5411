// show_planning_input_events --label L[@N|@draft] [--limit N] [--json]
// Event history, newest first; --json prints the REST events body. Events are kept per label: with
// `L@N` or `L@draft` the label's whole history is shown and that revision's own events are marked.
import { commandLineReadAccess } from '../lib/auth/access'
import { EXIT, parseCliArgs, parseIntOption, requireOption, runCliIfMain, type CliIo } from '../lib/cli/run'
import { cliActor } from '../lib/input-sets/actor'
import { isManualEvent } from '../lib/input-sets/manual-events'
import { listEvents } from '../lib/input-sets/queries/events'

const USAGE = 'usage: show_planning_input_events --label L[@N|@draft] [--limit N] [--json]'

/** The command's logic; tests call it in-process (scripts/cli.test.ts, scripts/events-cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs({ label: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, USAGE, argv)
  const body = await listEvents(commandLineReadAccess(cliActor()), requireOption(args.label, 'label', USAGE), parseIntOption(args.limit, 'limit') ?? 100)
  if (args.json) {
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`)
    return EXIT.ok
  }
  const s = body.input_set
  io.stdout.write(`${s.label} (config version ${s.config_version_id}, ${s.status})\n`)
  const own = body.ref?.revision
  if (body.ref) io.stdout.write(`events are kept per label: * marks the events of ${body.ref.text} (r${own})\n`)
  for (const e of body.events) {
    const mark = own === undefined ? '' : e.revision === own ? '* ' : '  '
    const rev = e.revision !== null ? ` r${e.revision}` : ''
    const manual = isManualEvent(e.metadata) ? ' (manual)' : ''
    io.stdout.write(`${mark}${e.created_at}  ${e.action.padEnd(8)}${rev.padEnd(5)} ${e.actor}${manual}${e.comment ? `  — ${e.comment}` : ''}\n`)
  }
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
