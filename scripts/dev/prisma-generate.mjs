// Generates both Prisma clients (SQLite and PostgreSQL) without network access.
// `prisma generate` only needs the schema-engine path to exist; it never runs it.
import { execFileSync } from 'node:child_process'

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', CHECKPOINT_DISABLE: '1' }
for (const provider of ['sqlite', 'postgres']) {
  execFileSync('npx', ['prisma', 'generate', '--config', `prisma.${provider}.config.ts`], { stdio: 'inherit', env })
}
