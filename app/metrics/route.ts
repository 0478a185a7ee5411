// GET /metrics — Prometheus text exposition; bearer METRICS_TOKEN when it is set (SPEC §7)
import { otherMethods } from '@/lib/http/route-methods'
import { metricsResponse } from '@/lib/metrics/endpoint'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = (request: Request): Promise<Response> => metricsResponse(request.headers.get('authorization'))

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
