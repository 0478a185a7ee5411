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

/** `workers` 0: one `next start`; N: scripts/serve.ts with N workers. */
export async function startServer(env: NodeJS.ProcessEnv, log: string, workers = 0): Promise<{ url: string; child: ChildProcess }> {
  if (!fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) throw new Error('no production build: run `npx next build` first')
  const port = await freePort()
  const out = fs.openSync(log, 'a')
  const [command, args] = serverCommand(port, workers)
  const child = spawn(path.join(BIN, command), args, { cwd: ROOT, env, stdio: ['ignore', out, out], detached: true })
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

/** Stops a server started above, with everything it forked. */
export function stopServer(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
