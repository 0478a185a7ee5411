// GET|POST /api/auth/*: next-auth (CSRF token, credentials and SSO sign-in, sign-out, session).
import NextAuth from 'next-auth'
import type { NextRequest } from 'next/server'
import { authOptions } from '@/lib/auth/next-auth-options'
import { untrustedHostProblem } from '@/lib/auth/site-url'
import { errorJson } from '@/lib/http/errors'
import { logError } from '@/lib/log'
import { otherMethods } from '@/lib/http/route-methods'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ nextauth: string[] }> }

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const problem = untrustedHostProblem(request.headers)
  if (problem) {
    // The client named a host this site does not serve: its error (400). The operator may have
    // meant to serve it, so the log says how.
    logError('auth_untrusted_host', { host: problem.host.slice(0, 200), hint: problem.hint })
    return errorJson(400, 'untrusted_host', problem.message)
  }
  return NextAuth(request, context, authOptions())
}

export { handler as GET, handler as POST }

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET: handler, POST: handler })
