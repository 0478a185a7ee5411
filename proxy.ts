// Runs before any page renders (Next's proxy, Node.js runtime). Three jobs:
// 1. A portal address (/ui/…) without a valid session cookie is redirected to sign-in, keeping the
//    address asked for, before a byte of the page is rendered. Pages check again, with the database
//    (pageAccess in app/ui/current-principal.ts): a signed cookie can have been ended by sign-out.
// 2. Every page gets a fresh script nonce in its Content-Security-Policy, and HSTS on https sites.
// 3. A write from another site (a forged server action) is refused with 403 before Next's own
//    origin check, which answers such a request with a 500.
// 4. A path segment that is not percent-encoded UTF-8 is rewritten to U+FFFD (lib/http/readable-path.ts),
//    on any path: Next.js would answer it with a 500.
// Other API requests are not matched (they authenticate in lib/http/with-api.ts), so the API pays
// nothing for this file.
import { NextResponse, type NextRequest } from 'next/server'
import { signInHref } from './lib/auth/login-page'
import { decodeSessionToken, sessionTokenFromCookies } from './lib/auth/session-token'
import { pageContentSecurityPolicy, REDIRECT_CONTENT_SECURITY_POLICY, strictTransportSecurity } from './lib/http/page-headers'
import { readablePath } from './lib/http/readable-path'
import { REQUEST_PATH_HEADER } from './lib/http/request-path'
import { crossSiteRefusal } from './lib/http/same-origin'

const PORTAL = /^\/ui(\/|$)/
const NOT_A_PAGE = /^\/(api|runs|metrics)(\/|$)/

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl
  const readable = readablePath(pathname)
  const target = readable === pathname ? undefined : new URL(`${readable}${search}`, request.url)
  // An API path reaches here only for the '%' in it (config.matcher).
  if (NOT_A_PAGE.test(pathname)) return target ? NextResponse.rewrite(target) : NextResponse.next()
  const refusal = crossSiteRefusal(request)
  if (refusal) return withPageHeaders(refusal)
  const asked = `${pathname}${search}`
  if (PORTAL.test(pathname)) {
    const claims = await decodeSessionToken(sessionTokenFromCookies((name) => request.cookies.get(name)?.value))
    if (!claims) {
      const redirect = NextResponse.redirect(new URL(signInHref(asked), request.url))
      redirect.headers.set('content-security-policy', REDIRECT_CONTENT_SECURITY_POLICY)
      return withPageHeaders(redirect)
    }
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === 'development')
  const headers = new Headers(request.headers)
  // Next reads the nonce from the request's policy; the path header replaces anything the client sent.
  headers.set('content-security-policy', policy)
  headers.set(REQUEST_PATH_HEADER, asked)
  const response = target ? NextResponse.rewrite(target, { request: { headers } }) : NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', policy)
  return withPageHeaders(response)
}

function withPageHeaders<R extends Response>(response: R): R {
  const hsts = strictTransportSecurity()
  if (hsts) response.headers.set('strict-transport-security', hsts)
  return response
}

export const config = {
  // Pages (not static files); API paths (/api, /runs, /metrics) only when they hold a '%'.
  matcher: ['/((?!api/|api$|runs$|metrics$|_next/static|_next/image|icon\\.svg|favicon\\.ico).*)', '/:api(api|runs|metrics)/:rest(.*%.*)'],
}
