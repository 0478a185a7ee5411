// `npm test`: type-check, lint (`npm run lint`: ESLint and the layer rules), `next build` (once,
// for the tests that start a server and the browser run), every *.test.ts on SQLite, the same
// files on a throwaway PostgreSQL 15 cluster, then the browser run (e2e/run-e2e.ts) if present.
// Within a database stage, TEST_CONCURRENCY files (default 3) run at once. A file marked
// `// npm test: database-free` (test/helpers/database-free.ts) runs in the SQLite stage only.
// The last line is always `N passed, N failed` (node:test counts of both database runs); the
// exit code is 1 if any stage failed.
// `npm test -- FILE...` runs only those test files on both databases (no type-check, no lint, no
// browser run; `next build` only if one of them starts a server).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isDatabaseFree } from '../../test/helpers/database-free'
import { ThrowawayPostgres } from './throwaway-postgres'

const ROOT = path.resolve(import.meta.dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')
const TEST_DIRS = ['lib', 'scripts', 'test', 'monitoring']
const SKIP_DIRS = new Set(['node_modules', 'generated', '.next'])

type Stage = { name: string; ok: boolean; seconds: number }
const stages: Stage[] = []
const counts = { pass: 0, fail: 0 }
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-tests-'))

function findTestFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) findTestFiles(p, out)
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(path.relative(ROOT, p))
  }
  return out
}

/** Test files that start a real server (test/helpers/server.ts) need `next build` first. */
function startsServer(file: string): boolean {
  return /helpers\/server['"]/.test(fs.readFileSync(path.join(ROOT, file), 'utf8'))
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' })
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`)
      resolve(127)
    })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
  })
}

/** As run(), with the command's output held back and printed in one piece when it exits. */
function runQuietly(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    const output: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => output.push(d))
    child.stderr.on('data', (d: Buffer) => output.push(d))
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`)
      resolve(127)
    })
    child.on('close', (code, signal) => {
      process.stdout.write(Buffer.concat(output))
      resolve(code ?? (signal ? 128 : 1))
    })
  })
}

async function stage(name: string, fn: () => Promise<boolean>): Promise<void> {
  console.log(`\n=== ${name}`)
  const started = Date.now()
  let ok = false
  try {
    ok = await fn()
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err))
  }
  const seconds = (Date.now() - started) / 1000
  stages.push({ name, ok, seconds })
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)`)
}

const PER_FILE_DIRS = path.join(ROOT, 'test/helpers/per-file-dirs.ts')

/**
 * Test files run at once (TEST_CONCURRENCY, default 3). node:test would run one at a time on two
 * cores, yet most files spend their time waiting: on a `next start` booting, a CLI's start-up, a
 * PostgreSQL round trip. Each file has its own database (test/helpers/database.ts), its own
 * DATA_DIR and TMP_DIR (test/helpers/per-file-dirs.ts) and servers on free ports.
 */
function testConcurrency(): number {
  const value = process.env.TEST_CONCURRENCY ?? '3'
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`TEST_CONCURRENCY must be a whole number of test files, 1 or more; got '${value}'.`)
  return Number(value)
}

/** node:test through tsx: spec output for people, TAP into a file for the pass/fail counts. */
async function runTestFiles(files: string[], label: string, extraEnv: Record<string, string>): Promise<boolean> {
  const tap = path.join(scratch, `${label}.tap`)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Not UTC and not the display zone (Asia/Tokyo): code that formats with the machine zone fails.
    TZ: 'America/New_York',
    // Keep tests away from the developer's database and files, whatever the shell exports; the
    // preload below gives each file its own DATA_DIR and TMP_DIR inside TEST_STAGE_DIR.
    DATA_DIR: path.join(scratch, `${label}-data`),
    TMP_DIR: path.join(scratch, `${label}-tmp`),
    TEST_STAGE_DIR: path.join(scratch, `${label}-files`),
    ...extraEnv,
  }
  delete env.DATABASE_URL
  const args = ['--import', PER_FILE_DIRS, '--test', `--test-concurrency=${testConcurrency()}`]
  args.push('--test-reporter=spec', '--test-reporter-destination=stdout')
  args.push('--test-reporter=tap', `--test-reporter-destination=${tap}`)
  const code = await run(path.join(BIN, 'tsx'), [...args, ...files], env)
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : ''
  const last = (re: RegExp) => Number([...text.matchAll(re)].at(-1)?.[1] ?? 0)
  const pass = last(/^# pass (\d+)$/gm)
  const fail = last(/^# fail (\d+)$/gm)
  counts.pass += pass
  counts.fail += fail
  // Known bugs marked { todo } are neither passed nor failed for node:test; show them here.
  const todo = last(/^# todo (\d+)$/gm)
  const skipped = last(/^# skipped (\d+)$/gm)
  console.log(`${label}: ${pass} passed, ${fail} failed, ${todo} todo, ${skipped} skipped`)
  return code === 0 && fail === 0
}

const postgres = new ThrowawayPostgres(scratch)
function cleanup(): void {
  postgres.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
}
process.on('exit', cleanup)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the test PostgreSQL cluster`)
    cleanup()
    process.exit(130)
  })
}

async function main(): Promise<number> {
  const only = process.argv.slice(2)
  const files = only.length ? only : TEST_DIRS.flatMap((d) => findTestFiles(path.join(ROOT, d))).sort()
  const missing = only.filter((f) => !fs.existsSync(path.resolve(ROOT, f)))
  if (missing.length) {
    console.error(`no such test file: ${missing.join(', ')}`)
    return 2
  }
  if (!only.length) {
    // Both are single-threaded: on two cores they take the time of the longer one. Each one's
    // output is printed whole when it ends, so the two never interleave.
    await Promise.all([
      stage('typecheck (tsc --noEmit)', async () => (await runQuietly(path.join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--noEmit'])) === 0),
      stage('lint (npm run lint)', async () => (await runQuietly('npm', ['run', '--silent', 'lint'])) === 0),
    ])
  }
  console.log(`\n${files.length} test file(s): ${files.join(' ')}`)
  // Tests that start `next start` need a production build; build once, before both database runs.
  let built = false
  if (files.some(startsServer)) {
    await stage('next build', async () => {
      built = (await run(path.join(BIN, 'next'), ['build'], { ...process.env, NEXT_TELEMETRY_DISABLED: '1' })) === 0
      return built
    })
  }
  await stage('unit + integration on SQLite', () => runTestFiles(files, 'sqlite', { TEST_DB: 'sqlite' }))
  await stage('unit + integration on PostgreSQL 15', async () => {
    try {
      const withDatabase = files.filter((f) => !isDatabaseFree(path.join(ROOT, f)))
      console.log(`${files.length - withDatabase.length} database-free file(s) ran in the SQLite stage only`)
      if (!withDatabase.length) return true
      const adminUrl = await postgres.start()
      return await runTestFiles(withDatabase, 'postgres', { TEST_DB: 'postgres', TEST_PG_ADMIN_URL: adminUrl })
    } finally {
      postgres.stop()
    }
  })
  const e2e = path.join(ROOT, 'e2e/run-e2e.ts')
  if (!only.length && fs.existsSync(e2e)) {
    // The browser run reuses the build made above instead of building again.
    const e2eEnv = built ? { ...process.env, E2E_SKIP_BUILD: '1' } : process.env
    await stage('browser (e2e/run-e2e.ts)', async () => (await run(path.join(BIN, 'tsx'), [e2e], e2eEnv)) === 0)
  }

  console.log('\nstage timings:')
  for (const s of stages) console.log(`  ${s.ok ? 'ok    ' : 'FAILED'} ${s.seconds.toFixed(1).padStart(7)} s  ${s.name}`)
  console.log(`${counts.pass} passed, ${counts.fail} failed`)
  return stages.every((s) => s.ok) ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    console.log(`${counts.pass} passed, ${counts.fail} failed`)
    process.exit(1)
  },
)
