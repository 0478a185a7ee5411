// GET /metrics — Prometheus text exposition; METRICS_TOKEN or an API token with metrics:read (lib/metrics/access.ts)
import { metricsResponse } from '@/lib/http/metrics-response'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = (request: Request): Promise<Response> => metricsResponse(request)
