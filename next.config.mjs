// Database drivers load native addons (better-sqlite3) or rely on Node-only APIs (pg),
// so they are required at run time instead of being bundled into server chunks.
const serverExternalPackages = [
  'better-sqlite3',
  'pg-copy-streams',
  'pg',
  // One copy per process: under scripts/serve.ts its cluster listener and the registry it sums must be the same module.
  'prom-client',
]

// Pages get their Content-Security-Policy from proxy.ts (a fresh script nonce per response, see
// lib/http/page-headers.ts). Everything else answers JSON, text or files and runs nothing, except
// the API reference page /api/docs, which sets its own nonce policy (app/api/docs/route.ts): a
// second policy here would be enforced as well and block its scripts.
const nonPageContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'"

// The portal uses none of these browser features; denying them limits what injected content could do.
const permissionsPolicy = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth', 'browsing-topics']
  .map((feature) => `${feature}=()`)
  .join(', ')

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
]
const nonPageHeaders = [{ key: 'Content-Security-Policy', value: nonPageContentSecurityPolicy }]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages,
  // Server actions keep Next's 1 MB body limit: they carry form fields only. The portal's upload
  // page sends its files to POST /api/plans/input_sets, which streams them to disk.
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      ...['/api', '/api/:path((?!docs$).*)', '/runs', '/metrics'].map((source) => ({ source, headers: nonPageHeaders })),
    ]
  },
}

export default nextConfig
