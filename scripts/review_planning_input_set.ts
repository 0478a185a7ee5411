// review_planning_input_set --label L --action approve|revert|archive|restore --actor A [--comment C] [--force --reason R]
// The comment is required for revert and archive (and for approve with REQUIRE_REVIEW_COMMENT=true).
// Exit 0 done · 2 bad usage or a missing comment · 3 refused (illegal transition, four-eyes, lost race) · 4 not found.
import { EXIT, parseCliArgs, requireOption, runCli, UsageError } from '../lib/cli/run'
import { cliActor } from '../lib/input-sets/actor'
import { REVIEW_ACTIONS, type ReviewAction } from '../lib/input-sets/review-rules'
import { reviewInputSet } from '../lib/input-sets/verbs/review'

const USAGE = 'usage: review_planning_input_set --label L --action approve|revert|archive|restore --actor A [--comment C] [--force --reason R] [--json]'

void runCli(async () => {
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
  )
  const action = requireOption(args.action, 'action', USAGE)
  if (!REVIEW_ACTIONS.includes(action as ReviewAction)) throw new UsageError(`--action must be one of ${REVIEW_ACTIONS.join(', ')}; got '${action}'.`)
  const result = await reviewInputSet({
    ref: requireOption(args.label, 'label', USAGE),
    action: action as ReviewAction,
    actor: cliActor(requireOption(args.actor, 'actor', USAGE)),
    comment: args.comment,
    force: args.force,
    reason: args.reason,
  })
  if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else process.stdout.write(`${result.label}@${result.revision}: ${result.previous_status} → ${result.status} (${result.action}, event ${result.event_id})\n`)
  return EXIT.ok
})
