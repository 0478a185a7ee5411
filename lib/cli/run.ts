// Shared plumbing for the tsx CLIs: argument parsing, the exit-code contract
// (docs/cli.md, "Conventions") and a clean shutdown. Errors print one line, never a stack trace.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { getSql } from '../db/sql'
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError, TooLargeError, UnauthorizedError } from '../errors'

export const EXIT = { ok: 0, failure: 1, invalid: 2, refused: 3, notFound: 4 } as const

export class UsageError extends InvalidError {}

export function exitCodeFor(err: unknown): number {
  if (err instanceof NotFoundError) return EXIT.notFound
  if (err instanceof ConflictError || err instanceof ForbiddenError || err instanceof UnauthorizedError) return EXIT.refused
  if (err instanceof InvalidError || err instanceof TooLargeError) return EXIT.invalid
  return EXIT.failure
}

/** Where a CLI body writes: the process's streams when run as a command, buffers in tests (test/helpers/cli.ts). */
export type CliIo = { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }

/** A CLI's logic, callable in-process: its arguments without `node script`, and where to write. */
export type CliMain = (argv: string[], io: CliIo) => Promise<number | void>

/** `argv` defaults to the process's own arguments; CliMain bodies pass theirs. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string, argv?: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`)
  }
}

export function requireOption<T>(value: T | undefined, name: string, usage: string): T {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.\n${usage}`)
  return value
}

export function parseIntOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number; got '${value}'.`)
  return Number(value)
}

/**
 * Runs a CLI body and returns its exit code; domain errors map to the exit codes of docs/cli.md
 * and print one line to `io.stderr`. Leaves the process and the database connection alone, so
 * tests run a CliMain in their own process (test/helpers/cli.ts).
 */
export async function cliExitCode(main: CliMain, argv: string[], io: CliIo): Promise<number> {
  try {
    return (await main(argv, io)) ?? EXIT.ok
  } catch (err) {
    if (err instanceof DomainError) io.stderr.write(`error: ${err.message}\n`)
    else {
      io.stderr.write(`error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`)
      if (process.env.DEBUG) io.stderr.write(`${(err as Error)?.stack}\n`)
    }
    return exitCodeFor(err)
  }
}

/** Runs a CLI body as the command (the process's arguments and streams) and exits with its code. */
export async function runCli(main: CliMain | (() => Promise<number | void>)): Promise<void> {
  const code = await cliExitCode(main, process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
  await Promise.allSettled([getSql().close(), flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
}

/**
 * `void runCliIfMain(import.meta.url, main)` at the end of a script that exports its CliMain: runs
 * it when the file is the command (`tsx scripts/x.ts`), not when a test imports it.
 */
export async function runCliIfMain(moduleUrl: string, main: CliMain): Promise<void> {
  const entry = process.argv[1]
  // Real paths on both sides: the project folder may be reached through a symbolic link.
  if (entry && fs.realpathSync(path.resolve(entry)) === fs.realpathSync(fileURLToPath(moduleUrl))) await runCli(main)
}

/**
 * Resolves once everything written to `stream` so far has been handed to the OS. Writes to a pipe
 * are asynchronous, and process.exit() drops what is still queued: a --json report larger than
 * the pipe's buffer (64 KiB) would reach the reader cut off.
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}

/** A one-line progress display on a terminal; silent when output is redirected. */
export function progressReporter(verb: string): ((file: string, rows: number) => void) & { done(): void } {
  const tty = process.stderr.isTTY
  let last = 0
  const report = (file: string, rows: number) => {
    const now = Date.now()
    if (!tty || now - last < 200) return
    last = now
    process.stderr.write(`\r${verb} ${file}: ${rows.toLocaleString('en-US')} rows…\u001b[K`)
  }
  return Object.assign(report, {
    done() {
      if (tty && last) process.stderr.write('\r\u001b[K')
    },
  })
}
