// Response headers of portal pages that depend on the request or the configuration, set by
// proxy.ts. Headers that are the same for every response live in next.config.mjs.
import { env } from '../env'

/**
 * Scripts run only with this response's nonce (Next adds it to its own inline scripts when the
 * request carries this policy), so an injected <script> does not run. Styles keep 'unsafe-inline':
 * charts set style attributes, which a nonce cannot cover, and a style cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** A redirect renders nothing, so its policy allows nothing. */
export const REDIRECT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

/** One year of https-only for browsers, sent when the site is configured as https (NEXTAUTH_URL). */
export function strictTransportSecurity(): string | null {
  return env().NEXTAUTH_URL?.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : null
}
