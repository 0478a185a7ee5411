// GET /metrics — Prometheus text exposition; METRICS_TOKEN or an API token with metrics:read (lib/metrics/access.ts)
import { otherMethods } from '@/lib/http/route-methods'
import { metricsResponse } from '@/lib/metrics/endpoint'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = (request: Request): Promise<Response> => metricsResponse(request)

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
