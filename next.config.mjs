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

// Portal uploads are server actions, whose bodies Next caps at 1 MB unless told otherwise. The cap
// follows MAX_UPLOAD_BYTES (same default as lib/env.ts) plus room for the multipart framing; the
// action itself refuses files over MAX_UPLOAD_BYTES with a readable message.
const maxUploadBytes = Number(process.env.MAX_UPLOAD_BYTES) || 512 * 1024 * 1024
const actionBodyLimit = maxUploadBytes + 1024 * 1024

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages,
  experimental: { serverActions: { bodySizeLimit: actionBodyLimit } },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

export default nextConfig
