// sync_evidence --to s3://bucket/prefix [--from evidence] [--json]
// Copies the whole evidence tree to an S3-compatible store (docs/operations.md, "Evidence off the
// machine"): one object per file, keyed by its path below --from; objects whose SHA-256 already
// matches are skipped. Prints one line per object (sent or skipped) and a summary.
import { EXIT, parseCliArgs, requireOption, runCli } from '../lib/cli/run'
import { filesBelow, parseS3Url, s3ClientFromEnv, uploadEvidence, uploadLine, uploadSummaryLine } from '../lib/evidence-upload'

const USAGE = 'usage: sync_evidence --to s3://bucket/prefix [--from evidence] [--json]'

void runCli(async () => {
  const args = parseCliArgs({ to: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const target = parseS3Url(requireOption(args.to, 'to', USAGE), 'to')
  const root = args.from ?? 'evidence'
  const files = filesBelow(root)
  const summary = await uploadEvidence(s3ClientFromEnv(), target, root, files, (o) => {
    if (!args.json) process.stdout.write(`${uploadLine(o)}\n`)
  })
  process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${uploadSummaryLine(summary)}\n`)
  return EXIT.ok
})
