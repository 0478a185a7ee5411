// export_planning_inputs --label L [-o DIR] [--include-meta] [--zip] [--diff-against L2 [--diff-limit N]] [--json] [--actor A]
// Writes DIR/planning_inputs_<label>/ (default DIR: out) and, with --zip, the .zip beside it.
// --diff-against writes DIR/diff_report.json (current = L, reference = L2) beside the
// folder, not inside it: a file in the folder would be an unknown file on re-import.
// --diff-limit caps the rows listed per kind and section (default: as the background diff job).
import fs from 'node:fs'
import path from 'node:path'
import { EXIT, parseCliArgs, progressReporter, requireOption, runCli } from '../lib/cli/run'
import { getSql } from '../lib/db/sql'
import { diffRevisions, JOB_LIST_LIMIT } from '../lib/diff/diff'
import { InvalidError } from '../lib/errors'
import { cliActorFor } from '../lib/cli/actor'
import { parseInputSetRef } from '../lib/input-sets/labels'
import { resolveRevisionOrThrow } from '../lib/input-sets/store/resolve'
import { exportInputSet } from '../lib/input-sets/verbs/export'

const USAGE = 'usage: export_planning_inputs --label L [-o DIR] [--include-meta] [--zip] [--diff-against L2 [--diff-limit N]] [--json] [--actor A]'

void runCli(async () => {
  const args = parseCliArgs(
    {
      label: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'include-meta': { type: 'boolean' },
      zip: { type: 'boolean' },
      json: { type: 'boolean' },
      actor: { type: 'string' },
      'diff-against': { type: 'string' },
      'diff-limit': { type: 'string' },
    },
    USAGE,
  )
  const against = args['diff-against']
  const diffLimit = parseDiffLimit(args['diff-limit'])
  // An unknown reference fails (exit 4, with the close-label hint) before anything is written.
  if (against !== undefined) await getSql().withConnection((conn) => resolveRevisionOrThrow(conn, parseInputSetRef(against)))
  const progress = progressReporter('writing')
  const result = await exportInputSet({
    ref: requireOption(args.label, 'label', USAGE),
    outDir: args.out ?? 'out',
    actor: await cliActorFor(args.actor, 'viewer'),
    includeMeta: args['include-meta'],
    zip: args.zip,
    onProgress: progress,
  }).finally(() => progress.done())
  const diffReport = against === undefined ? null : await writeDiffReport(result.label, result.revision, against, args.out ?? 'out', diffLimit)
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ...result, ...(diffReport ? { diff_report: diffReport } : {}) }, null, 2)}\n`)
    return EXIT.ok
  }
  if (result.status !== 'ready') process.stderr.write(`warning: ${result.label}@${result.revision} is ${result.status}, not approved.\n`)
  for (const f of result.files) process.stdout.write(`${f.name.padEnd(24)} ${f.rows} rows\n`)
  process.stdout.write(
    `Exported ${result.label}@${result.revision} (${result.status}, content hash ${result.content_hash}) to ${result.dir}${result.zip ? ` and ${result.zip}` : ''}\n`,
  )
  if (diffReport) process.stdout.write(`Diff against ${against} written to ${diffReport}\n`)
  return EXIT.ok
})

/** Diffs exactly the exported revision and writes the report atomically; returns its path. */
async function writeDiffReport(label: string, revision: number, against: string, outDir: string, limit: number): Promise<string> {
  const report = await diffRevisions(`${label}@${revision}`, against, { limit })
  const file = path.resolve(outDir, 'diff_report.json')
  const tmp = `${file}.tmp-${process.pid}`
  await fs.promises.writeFile(tmp, `${JSON.stringify(report, null, 2)}\n`)
  await fs.promises.rename(tmp, file)
  return file
}

/** Entries listed per kind and section; the default is the background job's, so both reports agree. */
function parseDiffLimit(text: string | undefined): number {
  if (text === undefined) return JOB_LIST_LIMIT
  if (!/^[0-9]{1,9}$/.test(text)) throw new InvalidError(`--diff-limit must be a whole number ≥ 0; got '${text}'.`, { field: 'diff-limit' })
  return Number(text)
}
