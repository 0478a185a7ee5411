// Shared plumbing for the tsx CLIs: argument parsing, the exit-code contract
// (docs/cli.md, "Conventions") and a clean shutdown. Errors print one line, never a stack trace.
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

export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values
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

/** Runs a CLI body and exits with its code; domain errors map to the exit codes of docs/cli.md. */
export async function runCli(main: () => Promise<number | void>): Promise<void> {
  let code: number = EXIT.ok
  try {
    code = (await main()) ?? EXIT.ok
  } catch (err) {
    code = exitCodeFor(err)
    if (err instanceof DomainError) process.stderr.write(`error: ${err.message}\n`)
    else {
      process.stderr.write(`error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`)
      if (process.env.DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`)
    }
  }
  await Promise.allSettled([getSql().close(), flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
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
