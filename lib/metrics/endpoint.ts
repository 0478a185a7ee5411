// GET /metrics: the process registry in Prometheus text format. Prometheus scrapes without a
// user session: the gate is METRICS_TOKEN or an API token with metrics:read (access.ts).
import { randomUUID } from 'node:crypto'
import { errorJson, errorResponse } from '../http/errors'
import { errorFields, logError } from '../log'
import { assertMayScrape } from './access'
import { clusterMetricsText, isClusterWorker } from './cluster'
import { metrics } from './registry'

export async function metricsResponse(request: Request): Promise<Response> {
  try {
    await assertMayScrape(request)
  } catch (err) {
    // 401/403 as on /api; a database that cannot check the token answers 503.
    return errorResponse(err, { requestId: randomUUID(), method: request.method, path: '/metrics' })
  }
  const { registry } = metrics()
  let text: string
  try {
    text = isClusterWorker() ? await clusterMetricsText() : await registry.metrics()
  } catch (err) {
    logError('metrics_collection_failed', errorFields(err))
    return errorJson(503, 'metrics_unavailable', 'Metrics could not be collected from every worker; try again.', undefined, { 'retry-after': '5' })
  }
  return new Response(text, { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } })
}
