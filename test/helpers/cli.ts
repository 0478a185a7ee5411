// Runs a CLI as its own process, as a user does (`tsx scripts/<name>.ts …`; see tsx-command.ts), against
// the test database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cliExitCode, type CliIo, type CliMain } from '../../lib/cli/run'
import { ROOT, tsxCommand } from './tsx-command'

export { ROOT }

export type CliResult = { code: number; stdout: string; stderr: string }

/**
 * Runs a script's exported CliMain in this process (no tsx start-up per call) with the exit-code
 * mapping of the real command (lib/cli/run.ts), capturing what it writes. For tests of a CLI's
 * logic: refusals, messages, exit codes. Each CLI's test file still spawns the real command at
 * least once, so the wrapper (process exit code, stderr) stays tested.
 */
export async function cliInProcess(main: CliMain, args: string[]): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } }
  const code = await cliExitCode(main, args, io)
  return { code, stdout, stderr }
}

export function cli(name: string, args: string[], env: Record<string, string> = {}): CliResult {
  const [command, argv] = tsxCommand(`scripts/${name}.ts`, args)
  const r = spawnSync(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * As cli(), without blocking this process while the CLI runs: for tests whose CLI talks to a
 * server running inside the test process (e.g. the S3 store of test/helpers/s3-store.ts).
 */
export function cliAwait(name: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const [command, argv] = tsxCommand(`scripts/${name}.ts`, args)
  const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** Starts a CLI in its own process group, so that a kill reaches any process it starts. */
export function cliAsync(name: string, args: string[]): ChildProcess & { killGroup(signal: NodeJS.Signals): void } {
  const [command, argv] = tsxCommand(`scripts/${name}.ts`, args)
  const child = spawn(command, argv, { cwd: ROOT, env: process.env, stdio: 'pipe', detached: true })
  return Object.assign(child, { killGroup: (signal: NodeJS.Signals) => process.kill(-child.pid!, signal) })
}

export function cliJson<T = unknown>(name: string, args: string[]): { code: number; body: T; stderr: string } {
  return jsonOf<T>(cli(name, [...args, '--json']))
}

/** As cliJson(), running the script's CliMain in this process (see cliInProcess). */
export async function cliInProcessJson<T = unknown>(main: CliMain, args: string[]): Promise<{ code: number; body: T; stderr: string }> {
  return jsonOf<T>(await cliInProcess(main, [...args, '--json']))
}

function jsonOf<T>(r: CliResult): { code: number; body: T; stderr: string } {
  return { code: r.code, body: (r.stdout ? JSON.parse(r.stdout) : undefined) as T, stderr: r.stderr }
}
