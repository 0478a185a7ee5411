// The one Prometheus registry of the process (docs/metrics.md). Next.js bundles route handlers,
// server components and instrumentation into separate module graphs, so a module-level
// registry would exist several times and /metrics would miss counts made elsewhere: the
// registry and its metrics are anchored on globalThis and created once.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { REVIEW_ACTIONS } from '../input-sets/review-rules'
import { RUN_ROUTES } from '../plans/run-entrypoints'
import { shareWithPrimary } from './cluster'

/** Buckets of the background jobs' duration histograms (seconds). */
const JOB_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  shareWithPrimary(registry)
  const registers = [registry]
  return {
    registry,
    diffJobs: new Counter({
      name: 'input_set_diff_jobs_total',
      help: 'Diff jobs finished, by result (success|failure).',
      labelNames: ['result'] as const,
      registers,
    }),
    diffCacheHits: new Counter({
      name: 'input_set_diff_cache_hits_total',
      help: 'Diff requests served from a cached report whose content hashes match.',
      registers,
    }),
    diffCacheStale: new Counter({
      name: 'input_set_diff_cache_stale_total',
      help: 'Cached diff reports found stale (content hashes no longer match) and regenerated.',
      registers,
    }),
    diffJobDuration: new Histogram({
      name: 'input_set_diff_job_duration_seconds',
      help: 'Time a diff job takes from claim to cached report.',
      buckets: JOB_SECONDS,
      registers,
    }),
    impactJobs: new Counter({
      name: 'input_set_impact_jobs_total',
      help: 'Planning impact jobs finished, by result (success|failure).',
      labelNames: ['result'] as const,
      registers,
    }),
    impactCacheHits: new Counter({
      name: 'input_set_impact_cache_hits_total',
      help: 'Planning impact requests served from a cached report whose content hashes match.',
      registers,
    }),
    impactCacheStale: new Counter({
      name: 'input_set_impact_cache_stale_total',
      help: 'Cached planning impact reports found stale (content hashes no longer match) and regenerated.',
      registers,
    }),
    impactJobDuration: new Histogram({
      name: 'input_set_impact_job_duration_seconds',
      help: 'Time a planning impact job takes from claim to cached report.',
      buckets: JOB_SECONDS,
      registers,
    }),
    runsWithoutInputSet: new Counter({
      name: 'run_without_input_set_total',
      help: 'Runs accepted in legacy mode (no input_set_label), by the route they came in through (/runs|/api/runs).',
      labelNames: ['entrypoint'] as const,
      registers,
    }),
    artifactWriteErrors: new Counter({
      name: 'plan_artifact_write_error_total',
      help: 'Plan artifacts that could not be written, by artifact name.',
      labelNames: ['artifact'] as const,
      registers,
    }),
    imports: new Counter({
      name: 'input_set_imports_total',
      help: 'Input set imports and uploads, by result (success|invalid|failure).',
      labelNames: ['result'] as const,
      registers,
    }),
    reviews: new Counter({
      name: 'input_set_reviews_total',
      help: 'Review actions applied to input set revisions, by action.',
      labelNames: ['action'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'API request duration by method, route pattern and status class.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  }
}

// A labelled series exists only once incremented, and increase() cannot see the step from
// "absent" to 1: the first diff failure after a restart would never reach an alert. Series
// whose label values are known up front therefore start at 0.
function startAtZero(m: Metrics): Metrics {
  for (const result of ['success', 'failure']) m.diffJobs.inc({ result }, 0)
  for (const result of ['success', 'failure']) m.impactJobs.inc({ result }, 0)
  for (const result of ['success', 'invalid', 'failure']) m.imports.inc({ result }, 0)
  for (const action of REVIEW_ACTIONS) m.reviews.inc({ action }, 0)
  for (const entrypoint of RUN_ROUTES) m.runsWithoutInputSet.inc({ entrypoint }, 0)
  return m
}

export type Metrics = ReturnType<typeof createMetrics>

const anchor = globalThis as typeof globalThis & { __planningHubMetrics?: Metrics }

export function metrics(): Metrics {
  anchor.__planningHubMetrics ??= startAtZero(createMetrics())
  return anchor.__planningHubMetrics
}
