// Which URL next-auth builds redirects and cookies for. With NEXTAUTH_URL that is fixed. Without
// it next-auth takes the request's Host (see prepareNextAuthEnv in lib/env.ts), which is only
// trusted for loopback hosts (so `next start` works on any local port with no configuration) or
// when the operator sets AUTH_TRUST_HOST=true behind a proxy that sets X-Forwarded-Host.
import { prepareNextAuthEnv } from '../env'

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]'
}

/** Null when next-auth may serve this request; else why not, for the operator. */
export function untrustedHostProblem(headers: Headers): string | null {
  const { siteUrl, trustAnyHost } = prepareNextAuthEnv()
  if (siteUrl || trustAnyHost) return null
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? ''
  let hostname = ''
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    // An unparsable Host is simply not trusted.
  }
  if (isLoopback(hostname)) return null
  return 'Sign-in is not configured for this address: set NEXTAUTH_URL to the site URL (or AUTH_TRUST_HOST=true behind a proxy that sets X-Forwarded-Host).'
}
