// Runs a CLI the way a user does (`tsx scripts/<name>.ts …`) against the test database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')

export type CliResult = { code: number; stdout: string; stderr: string }

export function cli(name: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(TSX, [`scripts/${name}.ts`, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Starts a CLI in its own process group: tsx runs node as a child, so a kill must reach the group. */
export function cliAsync(name: string, args: string[]): ChildProcess & { killGroup(signal: NodeJS.Signals): void } {
  const child = spawn(TSX, [`scripts/${name}.ts`, ...args], { cwd: ROOT, env: process.env, stdio: 'pipe', detached: true })
  return Object.assign(child, { killGroup: (signal: NodeJS.Signals) => process.kill(-child.pid!, signal) })
}

export function cliJson<T = unknown>(name: string, args: string[]): { code: number; body: T; stderr: string } {
  const r = cli(name, [...args, '--json'])
  return { code: r.code, body: (r.stdout ? JSON.parse(r.stdout) : undefined) as T, stderr: r.stderr }
}
