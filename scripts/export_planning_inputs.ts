// export_planning_inputs --label L [-o DIR] [--include-meta] [--zip] [--json] [--actor A]
// Writes DIR/planning_inputs_<label>/ (default DIR: out) and, with --zip, the .zip beside it.
import { EXIT, parseCliArgs, progressReporter, requireOption, runCli } from '../lib/cli/run'
import { cliActor } from '../lib/input-sets/actor'
import { exportInputSet } from '../lib/input-sets/export'

const USAGE = 'usage: export_planning_inputs --label L [-o DIR] [--include-meta] [--zip] [--json] [--actor A]'

void runCli(async () => {
  const args = parseCliArgs(
    {
      label: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'include-meta': { type: 'boolean' },
      zip: { type: 'boolean' },
      json: { type: 'boolean' },
      actor: { type: 'string' },
    },
    USAGE,
  )
  const progress = progressReporter('writing')
  const result = await exportInputSet({
    ref: requireOption(args.label, 'label', USAGE),
    outDir: args.out ?? 'out',
    actor: cliActor(args.actor),
    includeMeta: args['include-meta'],
    zip: args.zip,
    onProgress: progress,
  }).finally(() => progress.done())
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return EXIT.ok
  }
  if (result.status !== 'ready') process.stderr.write(`warning: ${result.label}@${result.revision} is ${result.status}, not approved.\n`)
  for (const f of result.files) process.stdout.write(`${f.name.padEnd(24)} ${f.rows} rows\n`)
  process.stdout.write(`Exported ${result.label}@${result.revision} (${result.status}, content hash ${result.content_hash}) to ${result.dir}${result.zip ? ` and ${result.zip}` : ''}\n`)
  return EXIT.ok
})
