// `npm run db:migrate`: brings the configured database (DATABASE_URL, see lib/env.ts) up to date.
import { databaseTarget } from '../lib/env'
import { applyMigrations } from '../lib/db/migrations'

async function main(): Promise<void> {
  const target = databaseTarget()
  const where = target.kind === 'sqlite' ? `SQLite ${target.file}` : 'PostgreSQL'
  const started = Date.now()
  const applied = await applyMigrations({ onApplied: (name) => console.log(`applied ${name}`) })
  const summary = applied.length ? `${applied.length} migration(s) applied` : 'already up to date, 0 migrations applied'
  console.log(`${where}: ${summary} (${Date.now() - started} ms)`)
}

main().catch((err: unknown) => {
  // Operators need the reason, not a stack trace.
  console.error(`db:migrate: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
