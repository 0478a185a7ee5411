// Who is calling, for route handlers: an API token (Authorization: Bearer) or else the
// next-auth session cookie. A request that sends a bearer token is judged by that token
// alone; it never falls back to a cookie the same client may also carry.
import { ForbiddenError, UnauthorizedError } from '../errors'
import { hasScope, ROLE_SCOPES, type Principal, type Scope } from './principal'
import { principalFromSessionToken } from './session'
import { cookieLookup, sessionTokenFromCookies } from './session-token'
import { verifyApiToken } from './tokens'

// RFC 6750 b64token, case-insensitive scheme.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i

/**
 * Bearer token → that token's principal, or null when it is unknown, expired, revoked or its
 * owner is disabled. An Authorization header that is not `Bearer <token>` → UnauthorizedError.
 * No Authorization header → the session cookie's principal, or null (none, invalid, expired,
 * user disabled or gone).
 */
export async function authenticate(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get('authorization')
  if (authorization !== null) {
    const match = BEARER.exec(authorization)
    if (!match) throw new UnauthorizedError('Malformed Authorization header; expected "Bearer <token>".')
    return verifyApiToken(match[1])
  }
  return principalFromSessionToken(sessionTokenFromCookies(cookieLookup(request.headers.get('cookie'))))
}

/** The caller, or UnauthorizedError (none) / ForbiddenError (without `scope`). */
export async function requirePrincipal(request: Request, scope?: Scope): Promise<Principal> {
  const principal = await authenticate(request)
  if (!principal) throw new UnauthorizedError('Sign in, or send an API token as "Authorization: Bearer <token>".')
  if (scope && !hasScope(principal, scope)) {
    const grantor = ROLE_SCOPES[principal.role].includes(scope) ? 'this token' : `the ${principal.role} role`
    throw new ForbiddenError(`This needs the '${scope}' scope, which ${grantor} does not grant.`, { scope })
  }
  return principal
}
