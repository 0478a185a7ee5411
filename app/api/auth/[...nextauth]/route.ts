// GET|POST /api/auth/*: next-auth (CSRF token, credentials and SSO sign-in, sign-out, session).
import NextAuth from 'next-auth'
import type { NextRequest } from 'next/server'
import { authOptions } from '@/lib/auth/next-auth-options'
import { untrustedHostProblem } from '@/lib/auth/site-url'
import { otherMethods } from '@/lib/http/route-methods'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ nextauth: string[] }> }

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const problem = untrustedHostProblem(request.headers)
  if (problem) {
    console.error(JSON.stringify({ event: 'auth_untrusted_host', host: request.headers.get('x-forwarded-host') ?? request.headers.get('host') }))
    return Response.json({ error: { code: 'auth_not_configured', message: problem } }, { status: 500 })
  }
  return NextAuth(request, context, authOptions())
}

export { handler as GET, handler as POST }

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET: handler, POST: handler })
