// Runs once per server process (Next.js instrumentation hook): stamps every request with its
// socket's address (lib/http/peer-address.ts; first, so that as few requests as possible go
// unstamped), has each response's headers written together with its body (lib/http/response-writes.ts),
// copies log lines to the log file when LOG_DIR is set (lib/log-file.ts; under
// scripts/serve.ts to the primary, which writes them), starts the diff job sweep, which
// finishes jobs queued before a restart and re-queues those of dead workers, and creates the
// metrics registry, so that under scripts/serve.ts every worker answers the primary's
// collection from the start rather than from its first counted event.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { stampPeerAddresses } = await import('./lib/http/peer-address')
  stampPeerAddresses()
  const { coalesceResponseWrites } = await import('./lib/http/response-writes')
  coalesceResponseWrites()
  const { startLogFile } = await import('./lib/log-file')
  startLogFile()
  const { metrics } = await import('./lib/metrics/registry')
  metrics()
  const { startDiffSweep } = await import('./lib/diff/background')
  startDiffSweep()
}
