// Pieces shared by the benchmark scripts: deterministic data, buffered file writing and
// the result line a measured child process reports to its parent.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const RESULT_MARK = 'BENCH_RESULT '

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) }
}

export const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** Writes lines through a buffer with back-pressure. */
export class LineWriter {
  private out: fs.WriteStream
  private buf: string[] = []
  private size = 0
  constructor(file: string, header: string) {
    this.out = fs.createWriteStream(file)
    this.buf.push(header)
  }
  async line(text: string): Promise<void> {
    this.buf.push(text)
    this.size += text.length
    if (this.size > 1 << 20) await this.flush()
  }
  private async flush(): Promise<void> {
    const chunk = `${this.buf.join('\n')}\n`
    this.buf = []
    this.size = 0
    if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once('drain', () => r()))
  }
  async close(): Promise<void> {
    if (this.buf.length) await this.flush()
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())))
  }
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes; VmHWM (same figure on Linux) is read when available.
  let kb = process.resourceUsage().maxRSS
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
    if (m) kb = Math.max(kb, Number(m[1]))
  } catch {
    // not Linux
  }
  return kb / 1024
}

/** Prints a child's result on one marked line for the parent to pick up. */
export function report(result: object): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`)
}

/**
 * A new, empty database on the PostgreSQL server at `adminUrl`, for one run: its URL and a
 * drop() that removes it (connections still open are closed by the server).
 */
export async function freshPgDatabase(adminUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg')
  const name = `${prefix}_${Date.now().toString(36)}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/**
 * In a benchmark child: points the app at `url`, migrates it and registers config version 1.
 * The app's modules are loaded only here, after DATABASE_URL is set, because they read it once.
 */
export async function prepareAppDatabase(url: string) {
  process.env.DATABASE_URL = url
  const { applyMigrations } = await import('../lib/db/migrations')
  const { getSql } = await import('../lib/db/sql')
  const { createConfigVersion } = await import('../lib/input-sets/verbs/config-versions')
  const { importBundle } = await import('../lib/input-sets/verbs/import-bundle')
  const { openBundle } = await import('../lib/input-sets/bundle/bundle-source')
  const { cliActor } = await import('../lib/input-sets/actor')
  await applyMigrations({ warn: () => undefined })
  await createConfigVersion({ id: 1, name: 'bench' })
  const close = () => getSql().close()
  return { getSql, importBundle, openBundle, cliActor, close }
}

/** The first issues of an import report, one line each. */
export function issueLines(issues: { severity: string; code: string; file: string; row?: number | null; message: string }[]): string[] {
  return issues.slice(0, 5).map((i) => `${i.severity} ${i.code} ${i.file}${i.row ? `:${i.row}` : ''} ${i.message}`)
}

export type BenchChildOutcome<R> = { ok: true; result: R } | { ok: false; timedOut: number }

/** Runs `script --child mode --k v …` in its own node process; resolves with the result it report()ed, or its timeout. */
export function runBenchChild<R>(script: string, mode: string, opts: Record<string, string>, timeoutS?: number): Promise<BenchChildOutcome<R>> {
  const args = ['--import', 'tsx', script, '--child', mode, ...Object.entries(opts).flatMap(([k, v]) => [`--${k}`, v])]
  const root = path.resolve(path.dirname(script), '..')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } })
    let out = ''
    let timedOut = false
    const timer = timeoutS
      ? setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, timeoutS * 1000)
      : undefined
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (timer) clearTimeout(timer)
      if (timedOut) return resolve({ ok: false, timedOut: timeoutS! })
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK))
      if (code !== 0 || !line) return reject(new Error(`${mode} child exited with ${code}\n${out}`))
      resolve({ ok: true, result: JSON.parse(line.slice(RESULT_MARK.length)) as R })
    })
  })
}

/** A target's verdict: a benchmark reports a missed target, it does not fail on it. */
export const verdict = (ok: boolean): 'PASS' | 'MISS' => (ok ? 'PASS' : 'MISS')

/** The targets are set for this many rows; a smaller run is a smoke run and says so. */
export const TARGET_ROWS = 1_000_000

/** Prints, after a run below TARGET_ROWS, that its ratios are not the targets' (`setFor`: what the targets are set for). */
export function noteSmallRun(rows: number, setFor = `${TARGET_ROWS.toLocaleString('en-US')} rows`): void {
  if (rows < TARGET_ROWS) console.log(`(the targets are set for ${setFor}; at ${rows.toLocaleString('en-US')} fixed costs weigh more)`)
}

/**
 * The end of a run, also a failed one: removes the work folder and the run's databases, or with
 * `keep` says where they are. A database that cannot be dropped is reported and fails the run
 * (exit code 1) without hiding the error that ended it.
 */
export async function cleanUpRun(run: { work: string; keep: boolean; databases?: string[]; dropDatabases?: () => Promise<void> }): Promise<void> {
  const databases = run.databases ?? []
  if (run.keep) {
    const named = databases.length ? ` and PostgreSQL database${databases.length > 1 ? 's' : ''} ${databases.join(', ')}` : ''
    console.log(`kept: ${run.work}${named}`)
    return
  }
  fs.rmSync(run.work, { recursive: true, force: true })
  try {
    await run.dropDatabases?.()
  } catch (err) {
    console.error(`could not drop the benchmark's databases (${databases.join(', ')}): ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  }
}

/** The load average (1, 5, 15 minutes), printed with timings taken on a shared machine. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}
