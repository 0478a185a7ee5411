// Who may scrape GET /metrics: the bearer of METRICS_TOKEN, or of an API token whose scopes
// (and owner's role) include metrics:read. A request without credentials may scrape only while
// METRICS_TOKEN is unset (then /metrics is open, for a Prometheus on a private network, as
// before API tokens were accepted here). Credentials that are sent are judged even then, so a
// wrong, revoked or under-scoped token is noticed at once instead of passing unseen.
import { createHash, timingSafeEqual } from 'node:crypto'
import { requirePrincipal } from '../auth/request-auth'
import { env } from '../env'
import { UnauthorizedError } from '../errors'

const HOW = 'Send Authorization: Bearer <METRICS_TOKEN>, or an API token with the metrics:read scope.'

/** Returns when the scrape may go ahead; UnauthorizedError (401) or ForbiddenError (403) otherwise. */
export async function assertMayScrape(request: Request): Promise<void> {
  const authorization = request.headers.get('authorization')
  const metricsToken = env().METRICS_TOKEN
  if (authorization === null) {
    if (metricsToken) throw new UnauthorizedError(HOW)
    return
  }
  if (metricsToken && bearerMatches(authorization, metricsToken)) return
  try {
    // With an Authorization header this judges the token alone, never a session cookie.
    await requirePrincipal(request, 'metrics:read')
  } catch (err) {
    if (err instanceof UnauthorizedError) throw new UnauthorizedError(HOW)
    throw err
  }
}

/** Hashing both sides first gives timingSafeEqual equal lengths, so not even the length leaks. */
function bearerMatches(authorization: string, token: string): boolean {
  const sent = /^Bearer +(.+)$/i.exec(authorization)?.[1]
  if (!sent) return false
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(sent), digest(token))
}
