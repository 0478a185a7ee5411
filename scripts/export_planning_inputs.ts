// export_planning_inputs --label L [-o DIR] [--include-meta] [--zip] [--diff-against L2 | --diff [--diff-limit N]] [--impact-against L2 | --impact] [--json] [--actor A]
// Writes DIR/planning_inputs_<label>/ (default DIR: out) and, with --zip, the .zip beside it.
// --diff-against writes DIR/diff_report.json (current = L, reference = L2) beside the
// folder, not inside it: a file in the folder would be an unknown file on re-import. --diff does
// the same against the default reference (docs/diff.md, "The reference").
// --diff-limit caps the rows listed per kind and section (default: as the background diff job).
// --impact-against writes DIR/impact_report.json, the planning impact (docs/impact.md) as the REST
// API answers it; --impact against the default reference.
import fs from 'node:fs'
import path from 'node:path'
import { EXIT, parseCliArgs, progressReporter, requireOption, runCli } from '../lib/cli/run'
import { getSql } from '../lib/db/sql'
import { commandLineReadAccess } from '../lib/auth/access'
import { diffRevisions, JOB_LIST_LIMIT } from '../lib/diff/diff'
import { referenceOrThrow } from '../lib/diff/reference'
import { InvalidError } from '../lib/errors'
import { impactBody } from '../lib/impact/answer'
import { computeImpact } from '../lib/impact/compute'
import { cliActorFor } from '../lib/cli/actor'
import type { Actor } from '../lib/input-sets/actor'
import { formatRef, parseInputSetRef, type InputSetRef } from '../lib/input-sets/labels'
import { resolveRevisionOrThrow } from '../lib/input-sets/store/resolve'
import { exportInputSet } from '../lib/input-sets/verbs/export'

const USAGE =
  'usage: export_planning_inputs --label L [-o DIR] [--include-meta] [--zip] [--diff-against L2 | --diff [--diff-limit N]] [--impact-against L2 | --impact] [--json] [--actor A]'

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
      diff: { type: 'boolean' },
      'diff-limit': { type: 'string' },
      'impact-against': { type: 'string' },
      impact: { type: 'boolean' },
    },
    USAGE,
  )
  const label = requireOption(args.label, 'label', USAGE)
  const actor = await cliActorFor(args.actor, 'viewer')
  if (args.diff && args['diff-against'] !== undefined)
    throw new InvalidError('Use --diff-against L2 or --diff (the default reference), not both.', { field: 'diff' })
  if (args.impact && args['impact-against'] !== undefined)
    throw new InvalidError('Use --impact-against L2 or --impact (the default reference), not both.', { field: 'impact' })
  const diffLimit = parseDiffLimit(args['diff-limit'])
  // Parsed once here; an unknown or missing reference fails (exit 4 with the close-label hint, or 2) before anything is written.
  const against = await reference(label, 'diff-against', args['diff-against'], args.diff === true, actor)
  const impactAgainst = await reference(label, 'impact-against', args['impact-against'], args.impact === true, actor)
  const progress = progressReporter('writing')
  const result = await exportInputSet({
    ref: label,
    outDir: args.out ?? 'out',
    actor,
    includeMeta: args['include-meta'],
    zip: args.zip,
    onProgress: progress,
  }).finally(() => progress.done())
  const exported: InputSetRef = { label: result.label, kind: 'number', number: result.revision }
  const diffReport = against === undefined ? null : await writeDiffReport(exported, against, args.out ?? 'out', diffLimit)
  const impactReport = impactAgainst === undefined ? null : await writeImpactReport(exported, impactAgainst, args.out ?? 'out')
  if (args.json) {
    const reports = { ...(diffReport ? { diff_report: diffReport } : {}), ...(impactReport ? { impact_report: impactReport } : {}) }
    process.stdout.write(`${JSON.stringify({ ...result, ...reports }, null, 2)}\n`)
    return EXIT.ok
  }
  if (result.status !== 'ready') process.stderr.write(`warning: ${result.label}@${result.revision} is ${result.status}, not approved.\n`)
  for (const f of result.files) process.stdout.write(`${f.name.padEnd(24)} ${f.rows} rows\n`)
  process.stdout.write(
    `Exported ${result.label}@${result.revision} (${result.status}, content hash ${result.content_hash}) to ${result.dir}${result.zip ? ` and ${result.zip}` : ''}\n`,
  )
  if (diffReport && against) process.stdout.write(`Diff against ${formatRef(against)} written to ${diffReport}\n`)
  if (impactReport && impactAgainst) process.stdout.write(`Planning impact against ${formatRef(impactAgainst)} written to ${impactReport}\n`)
  return EXIT.ok
})

/** The reference named by --diff-against (--impact-against), the default one with --diff (--impact), else none. */
async function reference(
  label: string,
  option: 'diff-against' | 'impact-against',
  againstText: string | undefined,
  byDefault: boolean,
  actor: Actor,
): Promise<InputSetRef | undefined> {
  if (againstText !== undefined) {
    const against = parseInputSetRef(againstText, option)
    await getSql().withConnection((conn) => resolveRevisionOrThrow(conn, against))
    return against
  }
  if (!byDefault) return undefined
  return referenceOrThrow(commandLineReadAccess(actor), parseInputSetRef(label), undefined, `Pass --${option} <label or label@N>.`)
}

/** Diffs exactly the exported revision and writes the report atomically; returns its path. */
async function writeDiffReport(exported: InputSetRef, against: InputSetRef, outDir: string, limit: number): Promise<string> {
  return writeJson(path.resolve(outDir, 'diff_report.json'), await diffRevisions(exported, against, { limit }))
}

/** The planning impact of exactly the exported revision, as the REST body; returns its path. */
async function writeImpactReport(exported: InputSetRef, against: InputSetRef, outDir: string): Promise<string> {
  const started = performance.now()
  const report = await computeImpact(exported, against)
  const body = impactBody(report, { generated_at: new Date().toISOString(), duration_ms: Math.round(performance.now() - started) })
  return writeJson(path.resolve(outDir, 'impact_report.json'), body)
}

async function writeJson(file: string, doc: unknown): Promise<string> {
  const tmp = `${file}.tmp-${process.pid}`
  await fs.promises.mkdir(path.dirname(file), { recursive: true })
  await fs.promises.writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`)
  await fs.promises.rename(tmp, file)
  return file
}

/** Entries listed per kind and section; the default is the background job's, so both reports agree. */
function parseDiffLimit(text: string | undefined): number {
  if (text === undefined) return JOB_LIST_LIMIT
  if (!/^[0-9]{1,9}$/.test(text)) throw new InvalidError(`--diff-limit must be a whole number ≥ 0; got '${text}'.`, { field: 'diff-limit' })
  return Number(text)
}
