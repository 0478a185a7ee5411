// The only reader of process.env. Every setting has a default so that `npm start`
// works with no configuration at all; .env.example lists them.
import path from 'node:path'
import { z } from 'zod'

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  FOUR_EYES: booleanFlag.default(true),
  MAX_FILE_BYTES: z.coerce.number().int().positive().default(512 * 1024 * 1024),
  MAX_ISSUES_PER_FILE: z.coerce.number().int().positive().default(1000),
  DISPLAY_TIME_ZONE: z.string().min(1).default('Asia/Tokyo'),
})

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
