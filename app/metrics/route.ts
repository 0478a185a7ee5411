// GET /metrics — Prometheus text exposition; METRICS_TOKEN or an API token with metrics:read (lib/metrics/access.ts)
import { metricsResponse } from '@/lib/http/metrics-response'
import { otherMethods } from '@/lib/http/route-methods'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = (request: Request): Promise<Response> => metricsResponse(request)

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
