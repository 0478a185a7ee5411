// Applies prisma/<provider>/migrations/*/migration.sql in name order without Prisma's schema
// engine (a native download that is unavailable offline). Each run is recorded in
// `_prisma_migrations` with Prisma's own columns and checksum (sha256 hex of the file), so a
// machine with the native engine can keep using `prisma migrate deploy/status` on the same database.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { databaseTarget, type DatabaseTarget } from '../env'
import { openSqliteFile } from './sql'

type Migration = { name: string; sql: string; checksum: string }
type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }

export type ApplyOptions = {
  /** Called after each migration that was applied. */
  onApplied?: (name: string) => void
  warn?: (message: string) => void
  /** Apply only up to and including this migration (a test builds a database as an older release left it). */
  until?: string
}

// DDL as Prisma's schema engine creates it, so both tools can share the table.
const DDL = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
}

// Prisma Migrate's own advisory-lock key: concurrent runners (ours or Prisma's) wait for each other.
const PG_LOCK_KEY = 72707369

/** Relative to the working directory, like DATA_DIR: every entry point runs from the project root. */
export function migrationsDir(kind: DatabaseTarget['kind']): string {
  return path.resolve('prisma', kind, 'migrations')
}

export function readMigrations(kind: DatabaseTarget['kind']): Migration[] {
  const dir = migrationsDir(kind)
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

function pending(migrations: Migration[], rows: AppliedRow[], warn: (m: string) => void): Migration[] {
  const out: Migration[] = []
  for (const m of migrations) {
    const applied = rows.filter((r) => r.migration_name === m.name && r.rolled_back_at == null)
    if (applied.some((r) => r.finished_at == null)) {
      throw new Error(
        `Migration ${m.name} failed earlier (finished_at is empty in _prisma_migrations). ` + 'Repair the database by hand, then delete or roll back that row.',
      )
    }
    if (applied.length === 0) out.push(m)
    else if (!applied.some((r) => r.checksum === m.checksum)) {
      warn(`warning: ${m.name}/migration.sql was modified after it was applied`)
    }
  }
  return out
}

function failure(name: string, err: unknown): Error {
  return new Error(`Migration ${name} failed: ${err instanceof Error ? err.message : String(err)}`)
}

function applySqlite(file: string, migrations: Migration[], opts: Required<Omit<ApplyOptions, 'until'>>): string[] {
  const db = openSqliteFile(file)
  try {
    db.exec(DDL.sqlite)
    // Same text format as Prisma's engine writes for SQLite timestamps.
    const now = () => new Date().toISOString().replace('Z', '+00:00')
    const rows = db.prepare('SELECT * FROM _prisma_migrations').all() as AppliedRow[]
    const done: string[] = []
    for (const m of pending(migrations, rows, opts.warn)) {
      const id = randomUUID()
      db.prepare('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)').run(id, m.checksum, now(), m.name)
      // No wrapping transaction, as in Prisma: generated SQLite migrations toggle PRAGMA foreign_keys,
      // which is a no-op inside one.
      try {
        db.exec(m.sql)
      } catch (err) {
        db.prepare('UPDATE _prisma_migrations SET logs = ? WHERE id = ?').run(String(err), id)
        throw failure(m.name, err)
      }
      db.prepare('UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = applied_steps_count + 1 WHERE id = ?').run(now(), id)
      done.push(m.name)
      opts.onApplied(m.name)
    }
    return done
  } finally {
    db.close()
  }
}

function describeServer(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`
  } catch {
    return 'the configured server'
  }
}

async function applyPostgres(url: string, migrations: Migration[], opts: Required<Omit<ApplyOptions, 'until'>>): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10000 })
  try {
    await client.connect()
  } catch (err) {
    const reason = (err as { code?: string }).code ?? (err instanceof Error ? err.message : String(err))
    // The URL may hold a password; name only host, port and database.
    throw new Error(`Cannot connect to PostgreSQL at ${describeServer(url)} (${reason}). Is the server running?`)
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY])
    await client.query(DDL.postgres)
    const { rows } = await client.query<AppliedRow>('SELECT * FROM _prisma_migrations')
    const done: string[] = []
    for (const m of pending(migrations, rows, opts.warn)) {
      const id = randomUUID()
      await client.query('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)', [id, m.checksum, m.name])
      try {
        // Without parameters pg uses the simple-query protocol: the whole file runs as one implicit transaction.
        await client.query(m.sql)
      } catch (err) {
        await client.query('UPDATE _prisma_migrations SET logs = $1 WHERE id = $2', [String(err), id])
        throw failure(m.name, err)
      }
      await client.query('UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1', [id])
      done.push(m.name)
      opts.onApplied(m.name)
    }
    return done
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Applies pending migrations to the configured database; returns the names applied (empty when up to date). */
export async function applyMigrations(options: ApplyOptions = {}): Promise<string[]> {
  const opts: Required<Omit<ApplyOptions, 'until'>> = {
    onApplied: options.onApplied ?? (() => undefined),
    warn: options.warn ?? ((m) => console.warn(m)),
  }
  const target = databaseTarget()
  const all = readMigrations(target.kind)
  const until = options.until
  if (until !== undefined && !all.some((m) => m.name === until)) throw new Error(`No migration named ${until} in ${migrationsDir(target.kind)}.`)
  const migrations = until === undefined ? all : all.filter((m) => m.name <= until)
  return target.kind === 'sqlite' ? applySqlite(target.file, migrations, opts) : applyPostgres(target.url, migrations, opts)
}
