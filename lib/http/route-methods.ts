// Next.js answers a method that a route file does not export with a bare 405: no body and no
// Allow header, which RFC 9110 §15.5.6 requires. So every route file exports the methods it does
// not implement as well, made here: 405 with Allow and the JSON error body, and OPTIONS 204 with
// the same Allow. HEAD is left to Next where GET exists (it runs GET). A route file names its own
// handlers once: `export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })`.
// test/security.test.ts walks app/ and fails for a route that leaves a method out.
import { errorJson } from './errors'

/** The methods Next dispatches to a route file's exports. */
const ROUTE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
type RouteMethod = (typeof ROUTE_METHODS)[number]
type Implemented = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
// Parameters typed `never` accept any route handler (withApi's, next-auth's) whatever its request and context types.
type Handler = (request: never, context: never) => unknown
/** HEAD is Next's own when GET is implemented; everything else not implemented is made here. */
type Made<K extends Implemented> = Exclude<RouteMethod, K | ('GET' extends K ? 'HEAD' : never)>

export function otherMethods<K extends Implemented>(implemented: Record<K, Handler>): Record<Made<K>, (request: Request) => Response> {
  const own = new Set<string>(Object.keys(implemented))
  const allowed = ROUTE_METHODS.filter((m) => own.has(m) || m === 'OPTIONS' || (m === 'HEAD' && own.has('GET')))
  const allow = allowed.join(', ')
  const notAllowed = (request: Request) =>
    errorJson(
      405,
      'method_not_allowed',
      `${request.method} is not allowed here; this address answers ${allow}.`,
      { method: request.method, allowed },
      {
        allow,
        'cache-control': 'no-store',
      },
    )
  const made: Record<string, (request: Request) => Response> = Object.fromEntries(ROUTE_METHODS.filter((m) => !allowed.includes(m)).map((m) => [m, notAllowed]))
  made.OPTIONS = () => new Response(null, { status: 204, headers: { allow } })
  return made as Record<Made<K>, (request: Request) => Response>
}
