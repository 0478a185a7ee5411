// GET /metrics as HTTP. Prometheus scrapes without a user session: the gate is METRICS_TOKEN or
// an API token with metrics:read (lib/metrics/access.ts); refusals answer as on /api.
import { randomUUID } from 'node:crypto'
import { errorFields, logError } from '../log'
import { assertMayScrape } from '../metrics/access'
import { collectMetrics, type MetricsExposition } from '../metrics/exposition'
import { errorJson, errorResponse } from './errors'

export async function metricsResponse(request: Request): Promise<Response> {
  try {
    await assertMayScrape(request)
  } catch (err) {
    // 401/403 as on /api; a database that cannot check the token answers 503.
    return errorResponse(err, { requestId: randomUUID(), method: request.method, path: '/metrics' })
  }
  let exposition: MetricsExposition
  try {
    exposition = await collectMetrics()
  } catch (err) {
    logError('metrics_collection_failed', errorFields(err))
    return errorJson(503, 'metrics_unavailable', 'Metrics could not be collected from every worker; try again.', undefined, { 'retry-after': '5' })
  }
  return new Response(exposition.text, { headers: { 'content-type': exposition.contentType, 'cache-control': 'no-store' } })
}
