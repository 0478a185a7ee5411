// Load benchmark: `npm run bench:load -- [--db sqlite|postgres] [--connections 50] [--duration 20]
// [--workers N] [--generator autocannon|wrk]`.
// Seeds a fresh database with the sample set (scripts/seed.ts), creates a viewer with an API
// token, starts the production build (run `npx next build` first) — one `next start`, or with
// --workers N `npm run serve` with N workers, which answers these reads through the direct lane
// (docs/architecture.md; DIRECT_LANE=off in the environment compares without it) — warms the diff cache, then drives list, detail,
// events and the cached diff one after another and prints p50/p95/p99 and errors per endpoint.
// Then, in the same run and on the same database, the floor: bench/bare-server.ts (node:http with
// the same token check and queries, as many workers) answers events and the cached diff.
// Targets: p95 < 50 ms for events and the cached diff, 0 errors everywhere, and events and the
// cached diff at ≥ 50 % of the floor's throughput. `--profile DIR` writes a CPU profile of the
// server (with --workers, of each worker; the largest is summarised) and prints where its time
// went (bench/cpu-profile.ts).
// PostgreSQL: DATABASE_URL=postgresql://user@host:port/db of a server whose user may CREATE DATABASE.
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { measureEndpoint, type Generator, type LoadResult } from './load-measure'
import { printProfile } from './cpu-profile'
import { startBareServer, startServer, stopForProfile, stopServer, tsx } from './next-server'

type Args = { db: 'sqlite' | 'postgres'; connections: number; duration: number; workers: number; generator: Generator; profile?: string }

function parseArgs(argv: string[]): Args {
  const a: Args = { db: 'sqlite', connections: 50, duration: 20, workers: 0, generator: 'autocannon' }
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (flag === '--db' && (value === 'sqlite' || value === 'postgres')) a.db = value
    else if (flag === '--connections') a.connections = Number(value)
    else if (flag === '--duration') a.duration = Number(value)
    else if (flag === '--workers') a.workers = Number(value)
    else if (flag === '--generator' && (value === 'autocannon' || value === 'wrk')) a.generator = value
    else if (flag === '--profile' && value) a.profile = path.resolve(value)
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

const P95_TARGETS: Record<string, number> = { events: 50, 'cached diff': 50 }
/** Share of the bare server's throughput the app must reach on these endpoints. */
const FLOOR_SHARE = 0.5

function row(name: string, r: LoadResult, target: string): string {
  const cells = [r.p50, r.p95, r.p99, r.max].map((v) => v.toFixed(1).padStart(7)).join(' ')
  return `${name.padEnd(12)} ${String(r.requests).padStart(9)} ${r.rps.toFixed(0).padStart(8)} ${cells} ${String(r.errors).padStart(7)}  ${target}`
}

function print(app: [string, LoadResult][], floor: Map<string, LoadResult>, a: Args): void {
  const server = a.workers ? `npm run serve, ${a.workers} workers, direct lane ${process.env.DIRECT_LANE === 'off' ? 'off' : 'on'}` : 'one next start'
  console.log(
    `\n${a.db}, ${server}, ${a.generator}: ${a.connections} connections × ${a.duration} s per endpoint on ${os.availableParallelism()} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
  )
  console.log('endpoint      requests    req/s   p50 ms  p95 ms  p99 ms  max ms  errors  target')
  for (const [name, r] of app) {
    const p95 = P95_TARGETS[name]
    const met = r.errors === 0 && (p95 === undefined || r.p95 < p95)
    console.log(row(name, r, `${p95 === undefined ? '0 errors' : `p95 < ${p95} ms`}: ${met ? 'PASS' : 'MISS'}`))
  }
  console.log(`\nthe floor: bench/bare-server.ts, ${Math.max(a.workers, 1)} process(es), same token check and queries`)
  for (const [name, r] of floor) {
    const share = (app.find(([n]) => n === name)?.[1].rps ?? 0) / r.rps
    console.log(
      row(name, r, `app at ${(share * 100).toFixed(0)} % of this (target ≥ ${FLOOR_SHARE * 100} %): ${share >= FLOOR_SHARE && r.errors === 0 ? 'PASS' : 'MISS'}`),
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
    const options = { connections: a.connections, durationSeconds: a.duration, headers: { authorization: `Bearer ${token}` }, generator: a.generator }
    const started = await startServer(env, path.join(tmp, 'server.log'), a.workers, a.profile)
    server = started.child
    const endpoints: [string, string][] = [
      ['list', '/api/plans/input_sets'],
      ['detail', '/api/plans/input_sets/sample-plan'],
      ['events', '/api/plans/input_sets/sample-plan/events?limit=100'],
      ['cached diff', '/api/plans/input_sets/sample-plan@draft/diff?against=sample-plan'],
    ]
    await warmDiff(started.url, endpoints[3][1], options.headers)
    const app: [string, LoadResult][] = []
    for (const [name, p] of endpoints) app.push([name, await measureEndpoint(started.url, p, options)])
    // SIGINT lets Node write the CPU profile; SIGKILL (stopServer) would lose it.
    if (a.profile) await stopForProfile(server)
    stopServer(server)
    server = undefined

    const bare = await startBareServer(env, a.workers)
    server = bare.child
    const floor = new Map<string, LoadResult>()
    for (const [name, p] of endpoints.filter(([n]) => P95_TARGETS[n] !== undefined)) floor.set(name, await measureEndpoint(bare.url, p, options))
    print(app, floor, a)
    if (a.profile) printProfile(a.profile)
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
