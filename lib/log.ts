// Structured logs: one JSON object per line with an `event` field, so log shippers can
// filter on it, and the process id, which tells the workers of `npm run serve` (and restarts)
// apart. Errors go to stderr, everything else to stdout.

export type LogFields = Record<string, unknown>

function write(stream: NodeJS.WriteStream, event: string, fields: LogFields): void {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), event, pid: process.pid, ...fields })}\n`)
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
