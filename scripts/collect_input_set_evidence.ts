// collect_input_set_evidence --label L [--date YYYYMMDD] [--base-url URL] [--out DIR] [--limit N]
// Writes DIR/input_sets/<label>/<YYYYMMDD>/events.json (the REST events body, newest first) and
// history.png (a screenshot of the History tab in Chromium). The browser signs in as
// EVIDENCE_EMAIL / EVIDENCE_PASSWORD (a viewer account is enough). Exit codes as in docs/cli.md:
// 2 bad arguments or no credentials, 3 sign-in refused, 4 unknown label.
import { commandLineReadAccess } from '../lib/auth/access'
import { EXIT, parseCliArgs, parseIntOption, requireOption, runCli, UsageError } from '../lib/cli/run'
import { env } from '../lib/env'
import { cliActor } from '../lib/input-sets/actor'
import { assertLabelNotRef } from '../lib/input-sets/labels'
import { assertEvidenceDate, collectEvidence, evidenceDate } from '../lib/input-sets/verbs/evidence'
import { screenshotHistory } from './dev/history-screenshot'

const USAGE =
  'usage: collect_input_set_evidence --label L [--date YYYYMMDD] [--base-url http://localhost:3000] [--out evidence] [--limit 500]\n' +
  '  signs in as EVIDENCE_EMAIL / EVIDENCE_PASSWORD from the environment'

void runCli(async () => {
  const args = parseCliArgs(
    { label: { type: 'string' }, date: { type: 'string' }, 'base-url': { type: 'string' }, out: { type: 'string' }, limit: { type: 'string' } },
    USAGE,
  )
  const settings = env()
  const label = assertLabelNotRef(
    requireOption(args.label, 'label', USAGE),
    "evidence is collected per label (its events and History cover every revision; show_planning_input_events --label L@N marks one revision's events)",
  )
  const date = args.date === undefined ? evidenceDate(new Date(), settings.DISPLAY_TIME_ZONE) : assertEvidenceDate(args.date)
  if (!settings.EVIDENCE_EMAIL || !settings.EVIDENCE_PASSWORD) {
    throw new UsageError(`Set EVIDENCE_EMAIL and EVIDENCE_PASSWORD to the account that signs in for the screenshot.\n${USAGE}`)
  }
  const result = await collectEvidence({
    access: commandLineReadAccess(cliActor()),
    label,
    date,
    baseUrl: args['base-url'] ?? `http://localhost:${settings.PORT}`,
    root: args.out ?? 'evidence',
    credentials: { email: settings.EVIDENCE_EMAIL, password: settings.EVIDENCE_PASSWORD },
    screenshot: screenshotHistory,
    limit: parseIntOption(args.limit, 'limit'),
  })
  if (result.truncated) process.stderr.write(`warning: only the newest ${result.events} events are in events.json; raise --limit (at most 500).\n`)
  for (const file of result.files) process.stdout.write(`${file}\n`)
  return EXIT.ok
})
