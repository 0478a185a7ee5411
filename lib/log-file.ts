// The server's log file (docs/operations.md, "Logs"): with LOG_DIR set, every log line also goes
// to LOG_DIR/planning-hub.log, rotated by size like logrotate (planning-hub.log.1 is the newest
// rotated file, LOG_KEEP of them are kept) by rotating-file-stream.
//
// One file has exactly one writer. rotating-file-stream counts the bytes it wrote itself and
// renames the file when the count passes the limit; a second process writing the same file would
// rotate on its own count and rename the file under the first. Under `npm run serve` the primary
// is therefore the only writer and each worker hands its lines over the cluster IPC channel; the
// operators keep one file to search whatever the number of workers, and the `pid` field still
// tells the workers apart. `next start` is one process and writes the file itself. CLIs never
// call startLogFile: they print to their terminal only.
import fs from 'node:fs'
import path from 'node:path'
import { createStream, type RotatingFileStream } from 'rotating-file-stream'
import { isClusterWorker } from './cluster-worker'
import { env } from './env'
import { copyLogLinesTo, errorFields, logError } from './log'

export const LOG_FILE_NAME = 'planning-hub.log'

const LOG_LINE = 'planning-hub:log-line'
type LogLineMessage = { type: typeof LOG_LINE; line: string }

const anchor = globalThis as typeof globalThis & { __planningHubLogFile?: RotatingFileStream }

/**
 * Once per server process (instrumentation.ts; the primary of scripts/serve.ts): copies the log
 * lines to the log file, or in a serve worker to the primary, which writes them. No LOG_DIR: nothing.
 */
export function startLogFile(): void {
  const { LOG_DIR, LOG_MAX_BYTES, LOG_KEEP } = env()
  if (!LOG_DIR) return
  if (isClusterWorker()) return copyLogLinesTo(sendToPrimary)
  if (anchor.__planningHubLogFile) return
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const file = createStream(LOG_FILE_NAME, { path: path.resolve(LOG_DIR), size: `${LOG_MAX_BYTES}B`, rotate: LOG_KEEP })
  // An unwritable folder or a full disk must not stop the server: stdout and stderr still get every line.
  file.on('error', (err) => {
    copyLogLinesTo(undefined)
    anchor.__planningHubLogFile = undefined
    logError('log_file_failed', { log_dir: LOG_DIR, ...errorFields(err) })
  })
  file.on('warning', (err) => logError('log_file_warning', { log_dir: LOG_DIR, ...errorFields(err) }))
  anchor.__planningHubLogFile = file
  copyLogLinesTo((line) => file.write(line))
}

function sendToPrimary(line: string): void {
  // After the primary is gone a send would raise an 'error' event that nobody handles; the
  // worker is about to exit then anyway, and its stdout still has the line.
  if (!process.connected) return
  process.send?.({ type: LOG_LINE, line } satisfies LogLineMessage, undefined, undefined, () => undefined)
}

/** In the primary of scripts/serve.ts: a worker's message that carries a log line. */
export function isLogLineMessage(message: unknown): message is LogLineMessage {
  return (message as LogLineMessage | null)?.type === LOG_LINE && typeof (message as LogLineMessage).line === 'string'
}

/** In the primary: a worker's line goes to the file only (the worker already printed it). */
export function writeWorkerLogLine(message: LogLineMessage): void {
  anchor.__planningHubLogFile?.write(message.line)
}
