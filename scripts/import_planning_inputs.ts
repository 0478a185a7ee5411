// import_planning_inputs -i <dir|zip> --version-id N --label L [--validate-only] [--no-inherit]
//   [--replace-draft] [--json] [--report-path P] [--actor A] [--comment C]
// Registers a draft revision. Exit 0 ok · 2 validation errors or bad usage · 3 refused (another
// person's draft is pending: --replace-draft replaces it) · 1 failure.
import fs from 'node:fs'
import path from 'node:path'
import { formatReport } from '../lib/cli/report-output'
import { cliActorFor } from '../lib/cli/actor'
import { EXIT, parseCliArgs, parseIntOption, progressReporter, requireOption, runCli } from '../lib/cli/run'
import { openBundle } from '../lib/input-sets/bundle/bundle-source'
import { importBundle } from '../lib/input-sets/verbs/import-bundle'

const USAGE =
  'usage: import_planning_inputs -i <dir or zip> --version-id <id> --label <label> [--validate-only] [--no-inherit] [--replace-draft] [--json] [--report-path P] [--actor A] [--comment C]'

void runCli(async () => {
  const args = parseCliArgs(
    {
      input: { type: 'string', short: 'i' },
      'version-id': { type: 'string' },
      label: { type: 'string' },
      'validate-only': { type: 'boolean' },
      'no-inherit': { type: 'boolean' },
      'replace-draft': { type: 'boolean' },
      json: { type: 'boolean' },
      'report-path': { type: 'string' },
      actor: { type: 'string' },
      comment: { type: 'string' },
    },
    USAGE,
  )
  const input = requireOption(args.input, 'input (-i)', USAGE)
  const configVersionId = requireOption(parseIntOption(args['version-id'], 'version-id'), 'version-id', USAGE)
  const label = requireOption(args.label, 'label', USAGE)
  const actor = await cliActorFor(args.actor, 'editor')
  const source = await openBundle(input)
  const progress = progressReporter('reading')
  let result
  try {
    result = await importBundle({
      source,
      label,
      configVersionId,
      actor,
      comment: args.comment,
      validateOnly: args['validate-only'],
      inherit: !args['no-inherit'],
      replaceDraft: args['replace-draft'],
      onProgress: progress,
    })
  } finally {
    progress.done()
    source.close()
  }
  const { report } = result
  const reportPath = path.resolve(args['report-path'] ?? 'tmp/reports/import_planning_inputs.json')
  await fs.promises.mkdir(path.dirname(reportPath), { recursive: true })
  await fs.promises.writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`)
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else {
    process.stdout.write(`${formatReport(report)}\n`)
    if (!report.ok) process.stdout.write(`Import of '${label}' refused: fix the errors above. Report: ${reportPath}\n`)
    else if (report.validate_only) process.stdout.write(`'${label}' is valid (nothing written; content hash ${report.content_hash}). Report: ${reportPath}\n`)
    else process.stdout.write(`Imported '${label}' as revision ${report.revision} (draft), content hash ${report.content_hash}. Report: ${reportPath}\n`)
  }
  return report.ok ? EXIT.ok : EXIT.invalid
})
