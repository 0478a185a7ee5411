// Structured logs: one JSON object per line with an `event` field, so log shippers can
// filter on it, and the process id, which tells the workers of `npm run serve` (and restarts)
// apart. Errors go to stderr, everything else to stdout. A server process also copies every
// line to its log file when LOG_DIR is set (lib/log-file.ts installs that copy).

export type LogFields = Record<string, unknown>

/** Receives each complete line (newline included) after it went to stdout or stderr. */
export type LogLineCopy = (line: string) => void

// Next bundles this module into several module graphs of one process; the copy is installed once
// (by instrumentation.ts) and must reach the lines of every copy, so it lives on globalThis.
const anchor = globalThis as typeof globalThis & { __planningHubLogCopy?: LogLineCopy }

export function copyLogLinesTo(copy: LogLineCopy | undefined): void {
  anchor.__planningHubLogCopy = copy
}

function write(stream: NodeJS.WriteStream, event: string, fields: LogFields): void {
  const line = `${JSON.stringify({ time: new Date().toISOString(), event, pid: process.pid, ...fields })}\n`
  stream.write(line)
  anchor.__planningHubLogCopy?.(line)
}

export function logInfo(event: string, fields: LogFields = {}): void {
  write(process.stdout, event, fields)
}

export function logError(event: string, fields: LogFields = {}): void {
  write(process.stderr, event, fields)
}

/** The parts of a thrown value worth logging; stacks stay in the log, never in a response. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.message, error_name: err.name, stack: err.stack }
  return { error: String(err) }
}
