// Which URL next-auth builds redirects and cookies for. With NEXTAUTH_URL that is fixed. Without
// it next-auth takes the request's X-Forwarded-Host (else Host) and X-Forwarded-Proto as sent
// (see prepareNextAuthEnv in lib/env.ts), so this checks them first: the host must be a loopback
// host (so `next start` works on any local port with no configuration) unless the operator set
// AUTH_TRUST_HOST=true behind a proxy, and the forwarded headers next-auth reads must be ones
// lib/http/client-address.ts believes (from a trusted proxy, or filled in by Next.js itself).
import { prepareNextAuthEnv } from '../env'
import { requestHost, unbelievedForwardedHeaders } from '../http/client-address'

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]'
}

export type UntrustedHost = {
  /** The host the request named (Host, or X-Forwarded-Host from a trusted proxy). */
  host: string
  /** For the client: what was wrong with its request. */
  message: string
  /** For the operator's log: how to serve this host if it is meant to be served. */
  hint: string
}

/** Null when next-auth may serve this request; else what to tell the client and the operator. */
export function untrustedHostProblem(headers: Headers): UntrustedHost | null {
  const { siteUrl, trustAnyHost } = prepareNextAuthEnv()
  if (siteUrl) return null
  const host = requestHost(headers)
  const unbelieved = unbelievedForwardedHeaders(headers)
  if (unbelieved.length) {
    return {
      host,
      message: `Sign-in does not accept ${unbelieved.join(' and ')} from this client; send the request without it.`,
      hint: 'Forwarded headers count only with AUTH_TRUST_HOST=true, from a proxy in TRUSTED_PROXIES when that is set; or set NEXTAUTH_URL.',
    }
  }
  if (trustAnyHost) return null
  let hostname = ''
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    // An unparsable Host is simply not trusted.
  }
  if (isLoopback(hostname)) return null
  return {
    host,
    message: `This server does not serve sign-in for the host '${host.slice(0, 200)}'; use the site's own address.`,
    hint: 'Set NEXTAUTH_URL to the site URL (or AUTH_TRUST_HOST=true behind a proxy that sets X-Forwarded-Host).',
  }
}
