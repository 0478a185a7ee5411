// Under `npm run serve` (scripts/serve.ts) the app runs in node:cluster workers, each with an IPC
// channel to the primary. What must be one per machine rather than one per process (the metrics
// a scrape answers with, the log file) goes through the primary.
import cluster from 'node:cluster'

export function isClusterWorker(): boolean {
  return cluster.isWorker && typeof process.send === 'function'
}
