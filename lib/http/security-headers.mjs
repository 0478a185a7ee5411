// The headers every answer carries, stated once: next.config.mjs gives them to Next's answers and
// lib/http/direct-lane.ts to the answers it serves itself. Plain JavaScript because next.config.mjs
// loads it before any TypeScript is compiled (types: security-headers.d.mts).

// Pages get their Content-Security-Policy from proxy.ts (a fresh script nonce per response, see
// lib/http/page-headers.ts). Everything else answers JSON, text or files and runs nothing, except
// the API reference page /api/docs, which sets its own nonce policy (app/api/docs/route.ts): a
// second policy here would be enforced as well and block its scripts.
const nonPageContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'"

// The portal uses none of these browser features; denying them limits what injected content could do.
const permissionsPolicy = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth', 'browsing-topics']
  .map((feature) => `${feature}=()`)
  .join(', ')

/** On every answer, pages included. */
export const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
]

/** On answers that are not pages: /api (but /api/docs), /runs and /metrics. */
export const nonPageHeaders = [{ key: 'Content-Security-Policy', value: nonPageContentSecurityPolicy }]

/** Where nonPageHeaders apply, in next.config.mjs's `source` syntax. */
export const nonPageSources = ['/api', '/api/:path((?!docs$).*)', '/runs', '/metrics']
