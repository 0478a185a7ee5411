// log_planning_input_set_event --label L[@N|@draft] [--revision N] --action note|record_approval --actor A --comment C [--metadata JSON] [--json]
// Appends a manual event to the set's history (docs/revisions.md, "Manual events"); changes no status.
// Exit 0 done · 2 bad usage (unknown or state action, bad JSON) · 3 refused (record_approval of a draft) · 4 not found.
import { EXIT, parseCliArgs, parseIntOption, requireOption, runCliIfMain, type CliIo } from '../lib/cli/run'
import { cliActorFor } from '../lib/cli/actor'
import { MANUAL_EVENT_ACTIONS, parseMetadataText } from '../lib/input-sets/manual-events'
import { logManualEvent } from '../lib/input-sets/verbs/log-event'

const USAGE = `usage: log_planning_input_set_event --label L[@N|@draft] [--revision N] --action ${MANUAL_EVENT_ACTIONS.join('|')} --actor A --comment C [--metadata JSON] [--json]`

/** The command's logic; tests call it in-process (scripts/events-cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(
    {
      label: { type: 'string' },
      revision: { type: 'string' },
      action: { type: 'string' },
      actor: { type: 'string' },
      comment: { type: 'string' },
      metadata: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
    argv,
  )
  const result = await logManualEvent({
    ref: requireOption(args.label, 'label', USAGE),
    revision: parseIntOption(args.revision, 'revision'),
    action: requireOption(args.action, 'action', USAGE),
    // The same role as the REST endpoint's scope (input_sets:review).
    actor: await cliActorFor(requireOption(args.actor, 'actor', USAGE), 'approver'),
    comment: requireOption(args.comment, 'comment', USAGE),
    metadata: parseMetadataText(args.metadata),
  })
  const e = result.event
  if (args.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else io.stdout.write(`${result.label}${e.revision !== null ? `@${e.revision}` : ''}: manual ${e.action} by ${e.actor} (event ${e.id}); no status changed\n`)
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
