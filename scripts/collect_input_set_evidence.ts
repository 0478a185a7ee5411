// collect_input_set_evidence --label L [--date YYYYMMDD] [--base-url URL] [--out DIR] [--limit N] [--upload s3://bucket/prefix]
// Writes DIR/input_sets/<label>/<YYYYMMDD>/events.json (the REST events body, newest first) and
// history.png (a screenshot of the History tab in Chromium). The browser signs in as
// EVIDENCE_EMAIL / EVIDENCE_PASSWORD (a viewer account is enough). Exit codes as in docs/cli.md:
// 2 bad arguments or no credentials, 3 sign-in refused, 4 unknown label. --upload then copies the
// two files to an S3-compatible store under the same path below DIR (lib/evidence-upload.ts).
import path from 'node:path'
import { commandLineReadAccess } from '../lib/auth/access'
import { EXIT, parseCliArgs, parseIntOption, requireOption, runCli, UsageError } from '../lib/cli/run'
import { env } from '../lib/env'
import { parseS3Url, s3ClientFromEnv, uploadEvidence, uploadLine, uploadSummaryLine } from '../lib/evidence-upload'
import { cliActor } from '../lib/input-sets/actor'
import { assertLabelNotRef } from '../lib/input-sets/labels'
import { assertEvidenceDate, collectEvidence, evidenceDate } from '../lib/input-sets/verbs/evidence'
import { screenshotHistory } from './dev/history-screenshot'

const USAGE =
  'usage: collect_input_set_evidence --label L [--date YYYYMMDD] [--base-url http://localhost:3000] [--out evidence] [--limit 500] [--upload s3://bucket/prefix]\n' +
  '  signs in as EVIDENCE_EMAIL / EVIDENCE_PASSWORD from the environment'

void runCli(async () => {
  const args = parseCliArgs(
    {
      label: { type: 'string' },
      date: { type: 'string' },
      'base-url': { type: 'string' },
      out: { type: 'string' },
      limit: { type: 'string' },
      upload: { type: 'string' },
    },
    USAGE,
  )
  const settings = env()
  // A bad --upload fails before the browser starts.
  const upload = args.upload === undefined ? undefined : parseS3Url(args.upload, 'upload')
  const label = assertLabelNotRef(
    requireOption(args.label, 'label', USAGE),
    "evidence is collected per label (its events and History cover every revision; show_planning_input_events --label L@N marks one revision's events)",
  )
  const date = args.date === undefined ? evidenceDate(new Date(), settings.DISPLAY_TIME_ZONE) : assertEvidenceDate(args.date)
  if (!settings.EVIDENCE_EMAIL || !settings.EVIDENCE_PASSWORD) {
    throw new UsageError(`Set EVIDENCE_EMAIL and EVIDENCE_PASSWORD to the account that signs in for the screenshot.\n${USAGE}`)
  }
  const root = args.out ?? 'evidence'
  const result = await collectEvidence({
    access: commandLineReadAccess(cliActor()),
    label,
    date,
    baseUrl: args['base-url'] ?? `http://localhost:${settings.PORT}`,
    root,
    credentials: { email: settings.EVIDENCE_EMAIL, password: settings.EVIDENCE_PASSWORD },
    screenshot: screenshotHistory,
    limit: parseIntOption(args.limit, 'limit'),
  })
  if (result.truncated) process.stderr.write(`warning: only the newest ${result.events} events are in events.json; raise --limit (at most 500).\n`)
  for (const file of result.files) process.stdout.write(`${file}\n`)
  if (upload) {
    const files = result.files.map((f) => path.relative(root, f).split(path.sep).join('/'))
    const summary = await uploadEvidence(s3ClientFromEnv(), upload, root, files, (o) => process.stdout.write(`${uploadLine(o)}\n`))
    process.stdout.write(`${uploadSummaryLine(summary)}\n`)
  }
  return EXIT.ok
})
