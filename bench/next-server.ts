// Pieces shared by the benchmarks that drive a real server of the production build (run `npx next
// build` first): the repo's CLIs for set-up, and `next start` — or `npm run serve` with several
// workers — on a free loopback port in its own process group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { freePort } from '../test/helpers/free-port'
import { serverCommand } from '../test/helpers/server-command'

export const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'node_modules/.bin')

/** Runs one of the repo's tsx scripts and returns its stdout; throws with its stderr on failure. */
export function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(path.join(BIN, 'tsx'), [script, ...args], { cwd: ROOT, env, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stderr}`)
  return r.stdout
}

/** `workers` 0: one `next start`; N: scripts/serve.ts with N workers. `profileDir`: the server under `node --cpu-prof`. */
export async function startServer(env: NodeJS.ProcessEnv, log: string, workers = 0, profileDir?: string): Promise<{ url: string; child: ChildProcess }> {
  if (!fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) throw new Error('no production build: run `npx next build` first')
  const port = await freePort()
  const out = fs.openSync(log, 'a')
  const [command, args] = serverCommand(port, workers)
  // --cpu-prof is refused in NODE_OPTIONS: profiling runs Next's bin, or scripts/serve.ts under
  // tsx's loader, under this node directly. serve's workers inherit the flag with the rest of
  // its node options, so each worker writes a profile of its own.
  const profiled = workers ? ['--import', 'tsx', ...args] : [path.join(ROOT, 'node_modules/next/dist/bin/next'), ...args]
  const [file, argv] = profileDir ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...profiled]] : [path.join(BIN, command), args]
  const child = spawn(file, argv, { cwd: ROOT, env, stdio: ['ignore', out, out], detached: true })
  fs.closeSync(out)
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server did not become healthy; see ${log}`)
}

/** Asks until `url` answers at all (any status): a server that is up. */
async function waitUntilAnswering(url: string, log: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server did not answer; see ${log}`)
}

/** bench/bare-server.ts, the load benchmark's floor, on a free port with `workers` processes. */
export async function startBareServer(env: NodeJS.ProcessEnv, workers: number): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(path.join(BIN, 'tsx'), ['bench/bare-server.ts', String(port), String(workers)], { cwd: ROOT, env, stdio: 'inherit', detached: true })
  const url = `http://127.0.0.1:${port}`
  await waitUntilAnswering(`${url}/api/plans/input_sets/x/events`, 'its output above')
  return { url, child }
}

/** SIGINT and wait: the server exits on its own, so Node writes the --cpu-prof profile. */
export async function stopForProfile(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r))
  if (child.pid) process.kill(-child.pid, 'SIGINT')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
}

/** Stops a server started above, with everything it forked. */
export function stopServer(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
