// Database drivers load native addons (better-sqlite3) or rely on Node-only APIs (pg),
// so they are required at run time instead of being bundled into server chunks.
const serverExternalPackages = [
  'better-sqlite3',
  '@prisma/adapter-better-sqlite3',
  '@prisma/adapter-pg',
  'pg-copy-streams',
  'pg',
  '@prisma/client',
  // One copy per process: under scripts/serve.ts its cluster listener and the registry it sums must be the same module.
  'prom-client',
]

// App Router hydration uses inline scripts; without a per-request nonce (which would make
// every page dynamic) 'unsafe-inline' is required. Everything else is same-origin only.
const isDev = process.env.NODE_ENV === 'development'
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages,
  // Server actions keep Next's 1 MB body limit: they carry form fields only. The portal's upload
  // page sends its files to POST /api/plans/input_sets, which streams them to disk.
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

export default nextConfig
