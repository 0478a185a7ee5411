// An impact job's work (docs/impact.md): the planning impact of the pair the job recorded,
// written to its cache file. Claimed, timed, counted and logged by the diff worker
// (lib/diff/worker.ts), which runs both kinds of job.
import type { DiffJob } from '../diff/job-store'
import type { PinnedPair } from '../diff/refs'
import { writeCachedImpact } from './cache'
import { computeImpact } from './compute'

/** Computes and caches the report; returns how long that took (ms). */
export async function runImpactJob(job: DiffJob, pair: PinnedPair, started: number): Promise<number> {
  const report = await computeImpact(pair.current, pair.reference)
  Object.assign(report, { label: job.label, against: job.against })
  const durationMs = Math.round(performance.now() - started)
  await writeCachedImpact(pair, { impact_job_id: job.id, generated_at: new Date().toISOString(), duration_ms: durationMs, report })
  return durationMs
}
