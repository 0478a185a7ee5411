// Runs the commands a warning card shows, as an operator would paste them into a shell in
// `cwd`: `npx tsx scripts/<name>.ts …` runs that CLI; the `curl … /api/runs -d '{…}'` line is
// returned as its JSON body for the caller to send.
import { spawnSync } from 'node:child_process'
import { type CliResult } from './cli'
import { tsxCommand } from './tsx-command'

/** Shell words of one command line: whitespace-separated, '…' and "…" quoted, no expansion. */
export function shellWords(line: string): string[] {
  const words: string[] = []
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g
  for (const m of line.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3])
  return words
}

export type CardCommandResult = { kind: 'cli'; result: CliResult } | { kind: 'run'; body: Record<string, unknown> }

export function runCardCommand(line: string, cwd: string, replace: Record<string, string> = {}): CardCommandResult {
  let text = line
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to)
  const words = shellWords(text)
  if (words[0] === 'npx' && words[1] === 'tsx' && /^scripts\/\w+\.ts$/.test(words[2])) {
    const [command, argv] = tsxCommand(words[2], words.slice(3))
    const r = spawnSync(command, argv, { cwd, env: process.env, encoding: 'utf8' })
    return { kind: 'cli', result: { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr } }
  }
  if (words[0] === 'curl' && words.some((w) => w.endsWith('/api/runs'))) {
    return { kind: 'run', body: JSON.parse(words[words.indexOf('-d') + 1]) as Record<string, unknown> }
  }
  throw new Error(`not a command this helper runs: ${line}`)
}
