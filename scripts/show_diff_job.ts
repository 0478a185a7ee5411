// show_diff_job --id N [--json]
// One diff job as the operators' log lines name it (`diff_job_id`): the pair, both content hashes,
// status, attempts, timings and the error it failed with. Exit 0 found · 2 bad usage · 4 no such job.
import { EXIT, parseCliArgs, parseIntOption, requireOption, runCli } from '../lib/cli/run'
import { getDiffJob } from '../lib/diff/job-store'
import { NotFoundError } from '../lib/errors'

const USAGE = 'usage: show_diff_job --id N [--json]'

void runCli(async () => {
  const args = parseCliArgs({ id: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const id = parseIntOption(requireOption(args.id, 'id', USAGE), 'id')!
  const job = await getDiffJob(id)
  if (!job) throw new NotFoundError(`Diff job ${id} not found.`)
  if (args.json) {
    process.stdout.write(`${JSON.stringify(job, null, 2)}\n`)
    return EXIT.ok
  }
  const at = (d: Date | null) => d?.toISOString() ?? '—'
  const lines = [
    `diff job ${job.id}: ${job.label} against ${job.against} · ${job.status} · attempt ${job.attempts}`,
    `  revisions ${job.currentRevisionId} (${job.currentHash.slice(0, 12)}…) vs ${job.referenceRevisionId} (${job.referenceHash.slice(0, 12)}…)`,
    `  requested by ${job.requestedBy} at ${at(job.createdAt)}; started ${at(job.startedAt)}; finished ${at(job.finishedAt)}${job.durationMs === null ? '' : ` (${job.durationMs} ms)`}`,
  ]
  if (job.workerId) lines.push(`  worker ${job.workerId}`)
  if (job.error) lines.push(`  error: ${job.error}`)
  process.stdout.write(`${lines.join('\n')}\n`)
  return EXIT.ok
})
