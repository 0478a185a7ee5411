// Runs once per server process (Next.js instrumentation hook): starts the diff job sweep,
// which finishes jobs queued before a restart and re-queues those of dead workers.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startDiffSweep } = await import('./lib/diff/background')
  startDiffSweep()
}
