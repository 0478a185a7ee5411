// Load benchmark: `npm run bench:load -- [--db sqlite|postgres] [--connections 50] [--duration 20]
// [--workers N] [--generator autocannon|wrk]`.
// Seeds a fresh database with the sample set (scripts/seed.ts), creates a viewer with an API
// token, starts the production build (run `npx next build` first) — one `next start`, or with
// --workers N `npm run serve` with N workers — warms the diff cache, then drives list, detail,
// events and the cached diff one after another and prints p50/p95/p99 and errors per endpoint.
// Targets: p95 < 50 ms for events and the cached diff, 0 errors everywhere.
// PostgreSQL: DATABASE_URL=postgresql://user@host:port/db of a server whose user may CREATE DATABASE.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { measureEndpoint, type Generator, type LoadResult } from './load-measure'
import { startServer, stopServer, tsx } from './next-server'

type Args = { db: 'sqlite' | 'postgres'; connections: number; duration: number; workers: number; generator: Generator }

function parseArgs(argv: string[]): Args {
  const a: Args = { db: 'sqlite', connections: 50, duration: 20, workers: 0, generator: 'autocannon' }
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (flag === '--db' && (value === 'sqlite' || value === 'postgres')) a.db = value
    else if (flag === '--connections') a.connections = Number(value)
    else if (flag === '--duration') a.duration = Number(value)
    else if (flag === '--workers') a.workers = Number(value)
    else if (flag === '--generator' && (value === 'autocannon' || value === 'wrk')) a.generator = value
    else throw new Error(`unknown or invalid option: ${flag} ${value ?? ''}`)
  }
  if (!(a.connections >= 1 && a.duration >= 1)) throw new Error('--connections and --duration must be ≥ 1')
  if (!(Number.isInteger(a.workers) && a.workers >= 0)) throw new Error('--workers must be 0 (one next start) or more')
  return a
}

/** A database for this run only: a temp SQLite file, or a new database on the given PostgreSQL server. */
async function freshDatabase(db: Args['db'], tmp: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (db === 'sqlite') return { url: `file:${path.join(tmp, 'load.db')}`, drop: async () => undefined }
  const admin = process.env.DATABASE_URL
  if (!admin || !/^postgres(ql)?:\/\//.test(admin)) throw new Error('--db postgres needs DATABASE_URL=postgresql://… of a server whose user may CREATE DATABASE')
  const name = `bench_load_${process.pid}`
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin })
    await c.connect()
    await c.query(sql).finally(() => c.end())
  }
  await run(`CREATE DATABASE ${name}`)
  const u = new URL(admin)
  u.pathname = `/${name}`
  return { url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function warmDiff(url: string, path: string, headers: Record<string, string>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const status = (await fetch(`${url}${path}`, { headers })).status
    if (status === 200) return
    if (status !== 202) throw new Error(`diff warm-up answered ${status}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the diff report was not ready after 30 s')
}

const TARGETS: Record<string, number> = { events: 50, 'cached diff': 50 }

function print(rows: [string, LoadResult][], a: Args): void {
  const server = a.workers ? `npm run serve, ${a.workers} workers` : 'one next start'
  console.log(`\n${a.db}, ${server}, ${a.generator}: ${a.connections} connections × ${a.duration} s per endpoint on ${os.availableParallelism()} CPUs`)
  console.log('endpoint      requests    req/s   p50 ms  p95 ms  p99 ms  max ms  errors  target')
  for (const [name, r] of rows) {
    const target = TARGETS[name] === undefined ? '0 errors' : `p95 < ${TARGETS[name]} ms`
    const met = r.errors === 0 && (TARGETS[name] === undefined || r.p95 < TARGETS[name])
    console.log(
      `${name.padEnd(12)} ${String(r.requests).padStart(9)} ${r.rps.toFixed(0).padStart(8)} ${[r.p50, r.p95, r.p99, r.max].map((v) => v.toFixed(1).padStart(7)).join(' ')} ${String(r.errors).padStart(7)}  ${target}: ${met ? 'met' : 'MISSED'}`,
    )
  }
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2))
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-load-'))
  const db = await freshDatabase(a.db, tmp)
  const env = { ...process.env, DATABASE_URL: db.url, DATA_DIR: tmp, DIFF_CACHE_DIR: path.join(tmp, 'diffs'), NEXT_TELEMETRY_DISABLED: '1' }
  let server: ChildProcess | undefined
  try {
    tsx('scripts/migrate.ts', [], env)
    tsx('scripts/seed.ts', [], env)
    tsx('scripts/create_user.ts', ['--email', 'load@example.com', '--role', 'viewer', '--password', 'load-test-password-1'], env)
    const token = tsx('scripts/create_api_token.ts', ['--user', 'load@example.com', '--scopes', 'input_sets:read'], env).trim()
    const headers = { authorization: `Bearer ${token}` }
    const started = await startServer(env, path.join(tmp, 'server.log'), a.workers)
    server = started.child
    const endpoints: [string, string][] = [
      ['list', '/api/plans/input_sets'],
      ['detail', '/api/plans/input_sets/sample-plan'],
      ['events', '/api/plans/input_sets/sample-plan/events?limit=100'],
      ['cached diff', '/api/plans/input_sets/sample-plan@draft/diff?against=sample-plan'],
    ]
    await warmDiff(started.url, endpoints[3][1], headers)
    const rows: [string, LoadResult][] = []
    for (const [name, p] of endpoints)
      rows.push([name, await measureEndpoint(started.url, p, { connections: a.connections, durationSeconds: a.duration, headers, generator: a.generator })])
    print(rows, a)
  } finally {
    if (server) stopServer(server)
    await new Promise((r) => setTimeout(r, 500))
    await db.drop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
