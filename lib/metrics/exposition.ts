// What a scrape of GET /metrics gets: the process registry in Prometheus text format, or under
// `npm run serve` the sum over every worker (cluster.ts). Who may scrape is access.ts; the
// HTTP answer is lib/http/metrics-response.ts.
import { isClusterWorker } from '../cluster-worker'
import { clusterMetricsText } from './cluster'
import { metrics } from './registry'

export type MetricsExposition = { text: string; contentType: string }

/** Rejects when a worker's registry cannot be collected (the primary or a worker did not answer). */
export async function collectMetrics(): Promise<MetricsExposition> {
  const { registry } = metrics()
  const text = isClusterWorker() ? await clusterMetricsText() : await registry.metrics()
  return { text, contentType: registry.contentType }
}
