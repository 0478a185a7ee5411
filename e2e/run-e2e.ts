// Self-contained browser run: fresh SQLite file → migrate → seed (a ready set, a viewer, an
// editor and an approver) → bundles to upload in a temp folder → next build → next start on
// a free port → Playwright. The server is always stopped; the exit code is Playwright's.
// `tsx e2e/run-e2e.ts [playwright args]` passes its arguments on, e.g. one spec file or `-g name`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { applyMigrations } from '../lib/db/migrations'
import { prepareBundles } from './bundles'
import { seedDiffSets } from './diff-seed'
import { seedDatabase } from './database'
import { SEEDED } from './seed-data'
import { createUser } from '../lib/auth/users'
import { getSql } from '../lib/db/sql'
import { freePort } from '../test/helpers/free-port'

const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'node_modules/.bin')
const RESULTS = path.join(ROOT, 'test-results/e2e-results.json')
// Telemetry would try to reach the internet, which this run must never depend on.
const BASE_ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = BASE_ENV): number {
  return spawnSync(path.join(BIN, cmd), args, { cwd: ROOT, env, stdio: 'inherit' }).status ?? 1
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`)
}

function signalGroup(server: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The server runs in its own process group so that any worker it forks goes too.
    process.kill(-server.pid!, signal)
  } catch {
    // Already gone.
  }
}

/** SIGTERM, then SIGKILL if the server has not exited within five seconds. */
async function stop(server: ChildProcess | undefined): Promise<void> {
  if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return
  const exited = new Promise((r) => server.once('exit', r))
  signalGroup(server, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(server, 'SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

function summary(): string {
  if (!fs.existsSync(RESULTS)) return 'no Playwright results (did the run start?)'
  const { stats } = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number }
  }
  return `${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`
}

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-e2e-'))
  const dbFile = path.join(tmp, 'e2e.db')
  const serverLog = path.join(tmp, 'server.log')
  let server: ChildProcess | undefined
  const onSignal = () => void stop(server).finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    // Migrations resolve prisma/ from the working directory and the database from the environment.
    process.chdir(ROOT)
    process.env.DATABASE_URL = `file:${dbFile}`
    await applyMigrations()
    seedDatabase(dbFile)
    const system = { kind: 'system' as const, id: 'system:e2e', name: 'e2e' }
    await createUser({ ...SEEDED.viewer, role: 'viewer' }, system)
    await createUser({ ...SEEDED.planner, role: 'editor' }, system)
    await createUser({ ...SEEDED.lead, role: 'approver' }, system)
    await seedDiffSets(tmp)
    await getSql().close()
    const bundles = path.join(tmp, 'bundles')
    await prepareBundles(bundles)

    const skipBuild = process.env.E2E_SKIP_BUILD === '1' && fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))
    if (!skipBuild) {
      const started = Date.now()
      if (run('next', ['build']) !== 0) throw new Error('next build failed')
      console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }

    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const log = fs.openSync(serverLog, 'a')
    // A zone far from Tokyo, so a display that followed the server's clock would fail.
    // A small upload limit, so a spec can show how an oversized bundle is refused.
    const serverEnv = {
      ...BASE_ENV,
      DATABASE_URL: `file:${dbFile}`,
      TZ: 'America/New_York',
      AUTH_SECRET: 'e2e-auth-secret-0123456789abcdef0123456789',
      MAX_UPLOAD_BYTES: String(2 * 1024 * 1024),
      DIFF_CACHE_DIR: path.join(tmp, 'input_set_diffs'),
    }
    const child = spawn(path.join(BIN, 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: ROOT,
      env: serverEnv,
      stdio: ['ignore', log, log],
      detached: true,
    })
    server = child
    fs.closeSync(log)
    await waitForHealth(`${baseUrl}/api/health`, child)

    fs.rmSync(RESULTS, { force: true })
    const started = Date.now()
    // The evidence spec runs the CLI against the same database the server uses.
    const code = run('playwright', ['test', ...process.argv.slice(2)], {
      ...BASE_ENV,
      E2E_BASE_URL: baseUrl,
      E2E_BUNDLES: bundles,
      E2E_DATABASE_URL: `file:${dbFile}`,
    })
    console.log(`playwright: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    if (code !== 0) console.log(`--- server log ---\n${fs.readFileSync(serverLog, 'utf8')}`)
    console.log(summary())
    return code
  } catch (error) {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`)
    if (fs.existsSync(serverLog)) console.error(`--- server log ---\n${fs.readFileSync(serverLog, 'utf8')}`)
    return 1
  } finally {
    await stop(server)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

process.exitCode = await main()
