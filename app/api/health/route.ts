// GET /api/health: liveness plus a trivial database round trip, for load balancers and e2e start-up.
import { sql } from 'kysely'
import { getSql } from '@/lib/db/sql'
import { otherMethods } from '@/lib/http/route-methods'
import { logError } from '@/lib/log'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  try {
    await getSql().withConnection((conn) => conn.db.selectNoFrom(sql<number>`1`.as('one')).execute())
    return Response.json({ ok: true })
  } catch (error) {
    // The cause goes to the log only (and so to the log file); responses never carry internals.
    logError('health_check_failed', { error: String(error) })
    return Response.json({ error: { code: 'unavailable', message: 'Database unavailable' } }, { status: 503 })
  }
}

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
