import { nonPageHeaders, nonPageSources, securityHeaders } from './lib/http/security-headers.mjs'

// Database drivers load native addons (better-sqlite3) or rely on Node-only APIs (pg),
// so they are required at run time instead of being bundled into server chunks.
const serverExternalPackages = [
  'better-sqlite3',
  'pg-copy-streams',
  'pg',
  // One copy per process: under scripts/serve.ts its cluster listener and the registry it sums must be the same module.
  'prom-client',
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages,
  // Server actions keep Next's 1 MB body limit: they carry form fields only. The portal's upload
  // page sends its files to POST /api/plans/input_sets, which streams them to disk.
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }, ...nonPageSources.map((source) => ({ source, headers: nonPageHeaders }))]
  },
}

export default nextConfig
