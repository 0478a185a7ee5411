// The only reader of process.env. Every setting has a default so that `npm start`
// works with no configuration at all; .env.example lists them.
import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { ROLES } from './auth/principal'

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')

/** `203.0.113.7`, `10.0.0.0/8`, `::1`, `fd00::/8`: an address, or a network with its prefix length. */
function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/')
  const family = isIP(address)
  if (!family || extra !== undefined) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(isAddressOrCidr), { message: 'must be a comma list of IP addresses or CIDR networks (e.g. 10.0.0.0/8, ::1)' })

const schema = z
  .object({
    DATABASE_URL: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('data'),
    FOUR_EYES: booleanFlag.default(true),
    // Approvals must carry a comment (e.g. a ticket reference); revert and archive always need one.
    REQUIRE_REVIEW_COMMENT: booleanFlag.default(false),
    MAX_FILE_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(512 * 1024 * 1024),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(512 * 1024 * 1024),
    // Rows read from one CSV file, and from all files of one upload together; past either the
    // upload is refused (too_many_rows). A small zip can hold tens of millions of rows.
    MAX_ROWS_PER_FILE: z.coerce.number().int().positive().default(5_000_000),
    MAX_ROWS_PER_UPLOAD: z.coerce.number().int().positive().default(10_000_000),
    // Issues listed per file; a file with this many errors is not read further (the import fails anyway).
    MAX_ISSUES_PER_FILE: z.coerce.number().int().positive().default(1000),
    DISPLAY_TIME_ZONE: z.string().min(1).default('Asia/Tokyo'),
    // Set by Next.js (`next start`/`next build` → production); weak passwords are refused only there.
    NODE_ENV: z.string().default('development'),
    // Port of `npm run setup` / `next start`; only used to print the sign-in URL.
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Session signing/encryption key. Unset → generated once into DATA_DIR/auth-secret (one instance only).
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // The site's public URL. Unset → taken from the request, for loopback hosts only (see lib/auth/site-url.ts).
    NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    // Behind a reverse proxy: take the client's address, host and scheme from X-Forwarded-For/-Host/-Proto
    // (lib/http/client-address.ts). Off → those headers are ignored, whoever sends them.
    AUTH_TRUST_HOST: booleanFlag.default(false),
    // With AUTH_TRUST_HOST: the proxies whose X-Forwarded-* entries are believed. Unset → exactly one
    // proxy, the direct peer, whatever its address.
    TRUSTED_PROXIES: addressList.optional(),
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_AUTO_CREATE_ROLE: z.enum(ROLES).optional(),
    // Bearer token GET /metrics accepts besides API tokens with metrics:read; unset → open to requests without credentials.
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    // The account collect_input_set_evidence signs in with to screenshot the History tab (a viewer suffices).
    EVIDENCE_EMAIL: z.string().min(1).optional(),
    EVIDENCE_PASSWORD: z.string().min(1).optional(),
    // Where --upload / sync_evidence send evidence (docs/operations.md, "Evidence off the machine"):
    // an S3-compatible endpoint instead of AWS (the first set of the three wins), path-style
    // addressing (default: on with an endpoint, as local stores need), the region (default us-east-1).
    // Credentials come from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, …).
    AWS_ENDPOINT_URL_S3: z.url({ protocol: /^https?$/ }).optional(),
    AWS_ENDPOINT_URL: z.url({ protocol: /^https?$/ }).optional(),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_FORCE_PATH_STYLE: booleanFlag.optional(),
    AWS_REGION: z.string().min(1).optional(),
    AWS_DEFAULT_REGION: z.string().min(1).optional(),
    // Diff reports (docs/diff.md). Several app instances must share this folder (docs/operations.md).
    DIFF_CACHE_DIR: z.string().min(1).default('tmp/input_set_diffs'),
    // A running job older than this is taken to belong to a dead worker and is queued again.
    DIFF_JOB_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(300),
    // How often each app instance looks for queued or stuck diff jobs; 0 turns the sweep off.
    DIFF_SWEEP_SECONDS: z.coerce.number().int().min(0).default(30),
    // Server log file (docs/operations.md, "Logs"): LOG_DIR/planning-hub.log besides stdout/stderr;
    // unset → stdout/stderr only. Past LOG_MAX_BYTES it is rotated to planning-hub.log.1 (older ones
    // shift to .2 …), and LOG_KEEP rotated files are kept beside the current one.
    LOG_DIR: z.string().min(1).optional(),
    LOG_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(50 * 1024 * 1024),
    LOG_KEEP: z.coerce.number().int().min(1).max(1000).default(10),
  })
  .refine(
    (e) => [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v === undefined) || (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET),
    {
      message: 'set all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none',
      path: ['OIDC_ISSUER'],
    },
  )

export type Env = z.infer<typeof schema>

let cached: Env | undefined

export function env(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  cached = parsed.data
  return cached
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetEnvCache(): void {
  cached = undefined
}

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }

/** No DATABASE_URL → a SQLite file under DATA_DIR; `postgres(ql)://` → PostgreSQL; `file:` → SQLite. */
export function databaseTarget(): DatabaseTarget {
  const { DATABASE_URL, DATA_DIR } = env()
  if (!DATABASE_URL) return { kind: 'sqlite', file: path.resolve(DATA_DIR, 'planning-hub.db') }
  if (/^postgres(ql)?:\/\//.test(DATABASE_URL)) return { kind: 'postgres', url: DATABASE_URL }
  if (DATABASE_URL.startsWith('file:')) return { kind: 'sqlite', file: path.resolve(DATABASE_URL.slice(5)) }
  throw new Error('DATABASE_URL must start with postgresql://, postgres:// or file:')
}

type NextAuthEnvGlobal = { __planningHubOperatorTrustsHost?: boolean }

/**
 * next-auth v4 takes its own URL from process.env alone: NEXTAUTH_URL, else the request's Host
 * when AUTH_TRUST_HOST is set, else http://localhost:3000 (wrong on every other port). Without
 * NEXTAUTH_URL the auth route checks the Host itself (lib/auth/site-url.ts) and therefore tells
 * next-auth to use it. The operator's own AUTH_TRUST_HOST is remembered before it is overwritten.
 */
export function prepareNextAuthEnv(): { siteUrl: string | undefined; trustAnyHost: boolean } {
  const { NEXTAUTH_URL } = env()
  const trustAnyHost = operatorTrustsHost()
  if (!NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = 'true'
  return { siteUrl: NEXTAUTH_URL, trustAnyHost }
}

/**
 * AUTH_TRUST_HOST as the operator set it. Read this, never env().AUTH_TRUST_HOST: once
 * prepareNextAuthEnv() has run, a copy of this module parsing the environment afresh (each
 * server bundle may hold its own) would see next-auth's value instead.
 */
export function operatorTrustsHost(): boolean {
  const g = globalThis as NextAuthEnvGlobal
  g.__planningHubOperatorTrustsHost ??= env().AUTH_TRUST_HOST
  return g.__planningHubOperatorTrustsHost
}
