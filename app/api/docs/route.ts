// GET /api/docs — the API reference (lib/openapi/reference-page.ts) for signed-in users; anyone
// else is sent to sign in and brought back. proxy.ts does not run on /api, so this route sets its
// own nonce-based Content-Security-Policy, the same policy as the portal's pages.
import { signInHref } from '@/lib/auth/login-page'
import { principalFromSessionToken } from '@/lib/auth/session'
import { cookieLookup, sessionTokenFromCookies } from '@/lib/auth/session-token'
import { pageContentSecurityPolicy, REDIRECT_CONTENT_SECURITY_POLICY } from '@/lib/http/page-headers'
import { otherMethods } from '@/lib/http/route-methods'
import { referencePageHtml } from '@/lib/openapi/reference-page'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  const principal = await principalFromSessionToken(sessionTokenFromCookies(cookieLookup(request.headers.get('cookie'))))
  if (!principal) {
    const url = new URL(request.url)
    return new Response(null, {
      status: 307,
      headers: { location: signInHref(`${url.pathname}${url.search}`), 'content-security-policy': REDIRECT_CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' },
    })
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  return new Response(referencePageHtml(nonce), {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pageContentSecurityPolicy(nonce),
      'cache-control': 'no-store',
    },
  })
}

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
