// What the typed query layer costs per query against the raw driver, on the lookups every API
// request makes: the token check (a join by hash). Same connection, same database, same run;
// prints microseconds per query and the ratios against the raw prepared statement.
// usage: npm run bench:query-layer -- [--db postgres] [--iterations 20000]
// (--db postgres needs DATABASE_URL of a server where its user may create databases.)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createApiToken, hashTokenSecret } from '../lib/auth/tokens'
import { createUser } from '../lib/auth/users'
import { applyMigrations } from '../lib/db/migrations'
import { getSql, preparedStatement, type SqlConn } from '../lib/db/sql'
import { preparedQuery } from '../lib/db/prepared'
import { resetEnvCache } from '../lib/env'
import { cliActor } from '../lib/input-sets/actor'

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, iterations: { type: 'string', default: '20000' } } })
const iterations = Number(values.iterations)

async function prepareDatabase(): Promise<void> {
  if (values.db === 'postgres') {
    const admin = process.env.DATABASE_URL
    if (!admin?.startsWith('postgres')) throw new Error('--db postgres needs DATABASE_URL=postgresql://…')
    const name = `bench_query_${process.pid}`
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    await client.query(`CREATE DATABASE ${name}`)
    await client.end()
    const url = new URL(admin)
    url.pathname = `/${name}`
    process.env.DATABASE_URL = url.toString()
  } else {
    process.env.DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-query-')), 'bench.db')}`
  }
  resetEnvCache()
  await applyMigrations()
}

const RAW_TOKEN = preparedStatement(`SELECT t.id, t.secret_hash, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
  u.id AS user_id, u.email, u.role, u.disabled_at
  FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.secret_hash = ?`)

const tokenQuery = (conn: SqlConn, hash: string) =>
  conn.db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.secret_hash', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.email', 'u.role', 'u.disabled_at'])
    .where('t.secret_hash', '=', hash)

// Built and compiled on every call, as an ordinary typed query is.
const builtEachTime = (conn: SqlConn, hash: string) => tokenQuery(conn, hash).execute()

// Built once per database kind; each call only substitutes the hash (lib/db/sql.ts preparedQuery).
const prepared = preparedQuery((db, hash: string) =>
  db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.secret_hash', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.email', 'u.role', 'u.disabled_at'])
    .where('t.secret_hash', '=', hash),
)

async function timeIt(label: string, fn: (conn: SqlConn) => Promise<unknown>): Promise<number> {
  return getSql().withConnection(async (conn) => {
    for (let i = 0; i < Math.min(1000, iterations); i++) await fn(conn)
    const started = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) await fn(conn)
    const micros = Number(process.hrtime.bigint() - started) / 1000 / iterations
    console.log(`${label.padEnd(28)} ${micros.toFixed(1)} µs/query`)
    return micros
  })
}

await prepareDatabase()
const ops = cliActor('bench')
await createUser({ email: 'bench@example.com', role: 'viewer' }, ops)
const { secret } = await createApiToken({ userEmail: 'bench@example.com', scopes: 'input_sets:read' }, ops)
const hash = hashTokenSecret(secret)

console.log(`${values.db}, ${iterations} queries each`)
const raw = await timeIt('token check, raw SQL', (conn) => conn.get(RAW_TOKEN, [hash]))
const built = await timeIt('typed, built each call', (conn) => builtEachTime(conn, hash))
const typed = await timeIt('typed, preparedQuery', (conn) => prepared(conn, hash))
console.log(`ratio built each call ÷ raw: ${(built / raw).toFixed(2)} (+${(built - raw).toFixed(1)} µs per query)`)
console.log(`ratio preparedQuery ÷ raw: ${(typed / raw).toFixed(2)} (+${(typed - raw).toFixed(1)} µs per query)`)
await getSql().close()
