// The Prisma client for the configured database. Shared code is typed against the
// SQLite client (the stricter API); the PostgreSQL client is cast to it, which is
// safe as long as shared code avoids provider-only features (e.g. `mode`).
// Prisma serves reads. Writes go through getSql().transaction (lib/db/sql.ts): one
// write path with explicit locking, bulk inserts and events in the same transaction.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { databaseTarget } from '../env'
import { PrismaClient as PgClient } from './generated/postgres/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'

export type Db = SqliteClient

type DbGlobal = { __planningHubDb?: { key: string; client: Db } }

function createDb(): { key: string; client: Db } {
  const target = databaseTarget()
  if (target.kind === 'postgres') {
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db
    return { key: target.url, client }
  }
  const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: 30000 })
  return { key: target.file, client: new SqliteClient({ adapter }) }
}

/** One client per process and database (anchored on globalThis: Next builds several module graphs). */
export function getDb(): Db {
  const g = globalThis as DbGlobal
  const key = (() => {
    const t = databaseTarget()
    return t.kind === 'sqlite' ? t.file : t.url
  })()
  if (g.__planningHubDb?.key !== key) g.__planningHubDb = createDb()
  return g.__planningHubDb.client
}

export async function disconnectDb(): Promise<void> {
  const g = globalThis as DbGlobal
  await g.__planningHubDb?.client.$disconnect()
  g.__planningHubDb = undefined
}
