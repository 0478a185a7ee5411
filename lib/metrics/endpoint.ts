// GET /metrics: the process registry in Prometheus text format. Prometheus scrapes without a
// user session, so the only gate is the optional METRICS_TOKEN bearer token.
import { createHash, timingSafeEqual } from 'node:crypto'
import { env } from '../env'
import { errorJson } from '../http/errors'
import { errorFields, logError } from '../log'
import { clusterMetricsText, isClusterWorker } from './cluster'
import { metrics } from './registry'

export async function metricsResponse(authorization: string | null): Promise<Response> {
  const token = env().METRICS_TOKEN
  if (token && !bearerMatches(authorization, token)) {
    return errorJson(401, 'unauthorized', 'Send Authorization: Bearer <METRICS_TOKEN>.', undefined, { 'www-authenticate': 'Bearer' })
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

/** Hashing both sides first gives timingSafeEqual equal lengths, so not even the length leaks. */
function bearerMatches(authorization: string | null, token: string): boolean {
  const sent = /^Bearer +(.+)$/i.exec(authorization ?? '')?.[1]
  if (!sent) return false
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(sent), digest(token))
}
