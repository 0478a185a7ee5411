// review_planning_input_set --label L --action approve|request_changes|revert|archive|restore --actor A [--comment C] [--force --reason R]
// request_changes records the comment on the pending draft for its uploader (no status change).
// The comment is required for request_changes, revert and archive (and for approve with REQUIRE_REVIEW_COMMENT=true).
// Exit 0 done · 2 bad usage or a missing comment · 3 refused (illegal transition, four-eyes, lost race) · 4 not found.
import { EXIT, parseCliArgs, requireOption, runCliIfMain, UsageError, type CliIo } from '../lib/cli/run'
import { cliActorFor } from '../lib/cli/actor'
import { REVIEW_VERBS, type ReviewVerb } from '../lib/input-sets/review-rules'
import { requestChanges } from '../lib/input-sets/verbs/request-changes'
import { reviewInputSet } from '../lib/input-sets/verbs/review'

const USAGE =
  'usage: review_planning_input_set --label L --action approve|request_changes|revert|archive|restore --actor A [--comment C] [--force --reason R] [--json]'

/** The command's logic; tests call it in-process (scripts/cli.test.ts, lib/cli/actor.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(
    {
      label: { type: 'string' },
      action: { type: 'string' },
      actor: { type: 'string' },
      comment: { type: 'string' },
      force: { type: 'boolean' },
      reason: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
    argv,
  )
  const action = requireOption(args.action, 'action', USAGE)
  if (!REVIEW_VERBS.includes(action as ReviewVerb)) throw new UsageError(`--action must be one of ${REVIEW_VERBS.join(', ')}; got '${action}'.`)
  const ref = requireOption(args.label, 'label', USAGE)
  const actor = await cliActorFor(requireOption(args.actor, 'actor', USAGE), 'approver')
  if (action === 'request_changes') {
    const result = await requestChanges({ ref, actor, comment: args.comment })
    if (args.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    else io.stdout.write(`${result.label}@${result.revision}: changes requested (event ${result.event_id})\n`)
    return EXIT.ok
  }
  const result = await reviewInputSet({
    ref,
    action: action as Exclude<ReviewVerb, 'request_changes'>,
    actor,
    comment: args.comment,
    force: args.force,
    reason: args.reason,
  })
  if (args.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else io.stdout.write(`${result.label}@${result.revision}: ${result.previous_status} → ${result.status} (${result.action}, event ${result.event_id})\n`)
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
