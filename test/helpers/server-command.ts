// The command line of a loopback server of the production build, shared by the test helper and
// the benchmarks: one `next start`, or scripts/serve.ts (`npm run serve`) with several workers.
// Paths are relative to node_modules/.bin and the repository root.

/** `workers` 0 or absent: `next start`; N: scripts/serve.ts with N workers. */
export function serverCommand(port: number, workers = 0): [bin: string, args: string[]] {
  return workers
    ? ['tsx', ['scripts/serve.ts', '--port', String(port), '--hostname', '127.0.0.1', '--workers', String(workers)]]
    : ['next', ['start', '-p', String(port), '-H', '127.0.0.1']]
}
