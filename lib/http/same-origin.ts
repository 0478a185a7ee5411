// A browser attaches the session cookie to requests that other sites trigger, too. The
// cookie is SameSite=Lax already; this refuses a cross-site write outright as well.
// Bearer tokens are never sent implicitly, so only session callers are checked.
// The site's host is the Host header, or X-Forwarded-Host only from a trusted proxy
// (client-address.ts): otherwise a client could name any host it likes and match its own Origin.
import { ForbiddenError } from '../errors'
import { requestHost } from './client-address'
import { errorJson } from './errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return
  const refuse = () => new ForbiddenError('Cross-site request refused: send writes from this site, or use an API token.', undefined, 'cross_site')
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw refuse()
  const origin = request.headers.get('origin')
  // Non-browser clients (curl, scripts) send no Origin; they cannot be lured into a request.
  if (origin === null) return
  const host = requestHost(request.headers)
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    throw refuse()
  }
  if (originHost !== host) throw refuse()
}

/**
 * The same rule for proxy.ts, which answers rather than throws: a 403 `cross_site` response, or
 * null. A POST to a page is a server action, whose own origin check in Next answers 500.
 */
export function crossSiteRefusal(request: Request): Response | null {
  try {
    assertSameOrigin(request)
    return null
  } catch (err) {
    if (!(err instanceof ForbiddenError)) throw err
    return errorJson(403, err.code, err.message)
  }
}
