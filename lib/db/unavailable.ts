// Recognises "the database cannot be reached right now" among the errors the drivers throw
// (refused or dropped connections, PostgreSQL shutting down or restarting), so callers can
// answer 503 and retry later instead of reporting an internal error.

const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  // PostgreSQL: admin/crash shutdown, cannot connect now, connection exceptions (class 08).
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // Prisma: cannot reach the server, timed out, connection closed.
  'P1001',
  'P1002',
  'P1017',
])

const MESSAGES =
  /connection terminated|econnrefused|can't reach database server|server closed the connection|connection (?:is )?closed|database ?not ?reachable|cannot use a pool after calling end/i

export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err
  for (let depth = 0; e && depth < 6; depth++) {
    const { code, kind } = e as { code?: unknown; kind?: unknown }
    if (typeof code === 'string' && CODES.has(code)) return true
    if (kind === 'DatabaseNotReachable' || kind === 'ConnectionClosed') return true
    if (e instanceof Error && MESSAGES.test(e.message)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
