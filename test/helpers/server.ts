// A real server of the production build (`next start`, or `npm run serve` with several workers)
// against the test file's database, on a free loopback port. npm test builds once before the
// database stages; a server is started per test file and always stopped (after(), and on process exit).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import { resetEnvCache } from '../../lib/env'
import { ROOT } from './cli'
import { freePort } from './free-port'
import { assertDocumented } from './openapi-check'
import { serverCommand } from './server-command'

/** Shared by the server and the test process: token hashing and sessions must agree. */
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdef0123456789abcdef'
process.env.AUTH_SECRET = TEST_AUTH_SECRET
resetEnvCache()

export type TestServer = {
  url: string
  /** fetch against the server; `path` starts with '/'. An API answer that differs from the OpenAPI document throws (openapi-check.ts). */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string
  /** Sends `signal` to the server's process group and waits until it has exited (crash tests). */
  kill(signal: NodeJS.Signals): Promise<void>
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // Already gone.
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  // Waiting for the exit must keep this process alive (the child is unref'd while it serves).
  child.ref()
  killGroup(child, 'SIGTERM')
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

export type ServerOptions = {
  /** Run `npm run serve` (scripts/serve.ts) with this many workers instead of one `next start`. */
  workers?: number
}

/**
 * Starts the server with the current DATABASE_URL (call useFreshDatabase() first) plus `env`;
 * a variable given as undefined is unset (e.g. NEXTAUTH_URL, which is set by default).
 */
export async function startServer(env: Record<string, string | undefined> = {}, options: ServerOptions = {}): Promise<TestServer> {
  if (!process.env.DATABASE_URL) throw new Error('startServer: call useFreshDatabase() first')
  if (!fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) throw new Error('startServer: no production build; run `npx next build` (npm test builds first)')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-server-'))
  const logFile = path.join(logDir, 'server.log')
  const out = fs.openSync(logFile, 'a')
  const [command, args] = serverCommand(port, options.workers)
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: TEST_AUTH_SECRET, NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: '1', ...env }
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key]
  const child = spawn(path.join(ROOT, 'node_modules/.bin', command), args, {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', out, out],
    // Its own process group, so stopping it also stops anything it forked.
    detached: true,
  })
  fs.closeSync(out)
  // The test process must be able to exit even if a failing clean-up hook kept the stop below
  // from running; the exit handler then still kills the server.
  child.unref()
  const onExit = () => killGroup(child, 'SIGKILL')
  process.once('exit', onExit)
  after(async () => {
    await stop(child)
    process.off('exit', onExit)
    fs.rmSync(logDir, { recursive: true, force: true })
  })
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '')
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${log()}`)
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`${url}/api/health not ready after 60 s:\n${log()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.ref()
    killGroup(child, signal)
    await exited
  }
  const checkedFetch = async (p: string, init?: RequestInit) => {
    const res = await fetch(`${url}${p}`, init)
    await assertDocumented(init?.method ?? 'GET', p, res)
    return res
  }
  return { url, fetch: checkedFetch, log, kill }
}
