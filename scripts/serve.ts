// `npm run serve -- [--port 3000] [--hostname 0.0.0.0] [--workers N]`: the production build on
// every core. One `next start` process uses one core for JavaScript; here a primary forks N
// workers (default WEB_CONCURRENCY, else one per CPU), each serving the app through Next's
// documented programmatic server, all on the same port (node:cluster hands connections out
// round robin). The primary restarts a worker that dies, sums the workers' metrics for
// whichever worker a scrape reaches (lib/metrics/cluster.ts), writes every worker's log lines to
// the one log file when LOG_DIR is set (lib/log-file.ts), and on SIGTERM or SIGINT lets workers
// finish their open requests before exiting.
// Each worker answers the hot small reads through the direct lane (lib/http/direct-lane.ts, the
// routes in app/api/direct-routes.ts) and everything else through Next; DIRECT_LANE=off sends
// everything through Next.
// Workers are separate processes on one database, like several instances (docs/operations.md,
// "Several app instances"): diff jobs are claimed by exactly one of them, sessions are valid on all.
import cluster, { type Worker } from 'node:cluster'
import { createServer } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { AggregatorRegistry } from 'prom-client'
import { directLane } from '../lib/http/direct-lane'
import { errorFields, logError, logInfo } from '../lib/log'
import { isLogLineMessage, startLogFile, writeWorkerLogLine } from '../lib/log-file'
import { METRICS_REQUEST, METRICS_RESPONSE, type MetricsRequest, type MetricsResponse } from '../lib/metrics/cluster'

const ROOT = path.resolve(import.meta.dirname, '..')
// A worker that dies this soon after starting is failing to boot; restarting it forever would hide that.
const EARLY_DEATH_MS = 10_000
const MAX_EARLY_DEATHS = 5
const SHUTDOWN_GRACE_MS = 10_000

type Options = { port: number; hostname: string; workers: number; directLane: boolean }

function parseOptions(argv: string[]): Options {
  const fromEnv = Number(process.env.WEB_CONCURRENCY)
  const o: Options = {
    port: Number(process.env.PORT ?? 3000),
    hostname: '0.0.0.0',
    workers: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : os.availableParallelism(),
    directLane: process.env.DIRECT_LANE !== 'off',
  }
  if (!['on', 'off', undefined].includes(process.env.DIRECT_LANE)) fail(`DIRECT_LANE must be 'on' or 'off'`)
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (flag === '--port' || flag === '-p') o.port = Number(value)
    else if (flag === '--hostname' || flag === '-H') o.hostname = String(value)
    else if (flag === '--workers') o.workers = Number(value)
    else fail(`unknown option '${flag}'. Usage: npm run serve -- [--port 3000] [--hostname 0.0.0.0] [--workers N]`)
  }
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) fail(`--port must be a port number from 1 to 65535`)
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 256) fail(`--workers (or WEB_CONCURRENCY) must be a whole number from 1 to 256`)
  return o
}

function fail(message: string): never {
  console.error(`serve: ${message}`)
  process.exit(2)
}

function runPrimary(o: Options): void {
  startLogFile()
  const aggregator = new AggregatorRegistry()
  const startedAt = new Map<number, number>()
  let earlyDeaths = 0
  let stopping = false

  const fork = (): Worker => {
    const worker = cluster.fork()
    startedAt.set(worker.id, Date.now())
    worker.on('message', (message: MetricsRequest) => {
      if (isLogLineMessage(message)) return writeWorkerLogLine(message)
      if (message?.type !== METRICS_REQUEST) return
      const answer = (reply: Omit<MetricsResponse, 'type' | 'id'>) => {
        if (worker.isConnected()) worker.send({ type: METRICS_RESPONSE, id: message.id, ...reply } satisfies MetricsResponse)
      }
      aggregator.clusterMetrics().then(
        (text) => answer({ text }),
        (err: unknown) => answer({ error: err instanceof Error ? err.message : String(err) }),
      )
    })
    return worker
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0)
    startedAt.delete(worker.id)
    if (stopping) return
    logError('serve_worker_exited', { worker_pid: worker.process.pid, code, signal, lived_ms: lived })
    earlyDeaths = lived < EARLY_DEATH_MS ? earlyDeaths + 1 : 0
    if (earlyDeaths >= MAX_EARLY_DEATHS) {
      logError('serve_giving_up', { reason: `${MAX_EARLY_DEATHS} workers in a row died within ${EARLY_DEATH_MS / 1000} s of starting` })
      process.exit(1)
    }
    fork()
  })

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logInfo('serve_stopping', { signal })
    // disconnect() closes each worker's server and lets open requests finish.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.disconnect()
    const force = setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    })
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  logInfo('serve_starting', { port: o.port, hostname: o.hostname, workers: o.workers, direct_lane: o.directLane })
  for (let i = 0; i < o.workers; i++) fork()
}

async function runWorker(o: Options): Promise<void> {
  // Next and React pick their production builds from NODE_ENV as they load, so it is set first.
  Object.assign(process.env, { NODE_ENV: 'production' })
  const { default: next } = await import('next')
  const app = next({ dev: false, dir: ROOT, hostname: o.hostname, port: o.port })
  const handle = app.getRequestHandler()
  await app.prepare()
  const lane = o.directLane ? directLane((await import('../app/api/direct-routes')).directRoutes) : () => false
  const server = createServer((req, res) => {
    if (lane(req, res)) return
    handle(req, res).catch((err: unknown) => {
      // Next answers its own errors; this is the last resort, so one request fails, not the worker.
      logError('serve_request_failed', { path: req.url, ...errorFields(err) })
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
  })
  server.listen(o.port, o.hostname, () => logInfo('serve_worker_ready', { url: `http://${o.hostname}:${o.port}` }))
  // Shutdown is the primary's call: Ctrl-C or a process-group SIGTERM reaches every worker too,
  // and a worker exiting on its own would race the primary into restarting it. The primary's
  // disconnect() (or its death, which closes the channel) makes the worker stop accepting,
  // finish open requests and exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => undefined)
  process.on('disconnect', () => server.close(() => process.exit(0)))
}

const options = parseOptions(process.argv.slice(2))
if (cluster.isPrimary) runPrimary(options)
else
  runWorker(options).catch((err: unknown) => {
    console.error(`serve: worker failed to start: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
