// GET /api/health: liveness plus a trivial database round trip, for load balancers and e2e start-up.
import { getDb } from '@/lib/db/client'
import { otherMethods } from '@/lib/http/route-methods'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  try {
    await getDb().$queryRaw`SELECT 1`
    return Response.json({ ok: true })
  } catch (error) {
    // The cause goes to the log only; responses never carry internals.
    console.error(JSON.stringify({ event: 'health_check_failed', error: String(error) }))
    return Response.json({ error: { code: 'unavailable', message: 'Database unavailable' } }, { status: 503 })
  }
}

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
