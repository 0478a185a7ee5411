// Under `npm run serve` (scripts/serve.ts) several worker processes share one port, so a
// scrape reaches any one of them, and its answer must cover all of them. A worker's /metrics
// therefore asks the primary, which collects every worker's registry through prom-client's
// AggregatorRegistry and sums them (counters and histograms add up across workers).
import { AggregatorRegistry, type Registry } from 'prom-client'
import { isClusterWorker } from '../cluster-worker'

export const METRICS_REQUEST = 'planning-hub:metrics-request'
export const METRICS_RESPONSE = 'planning-hub:metrics-response'
const ANSWER_TIMEOUT_MS = 10_000

export type MetricsRequest = { type: typeof METRICS_REQUEST; id: number }
export type MetricsResponse = { type: typeof METRICS_RESPONSE; id: number; text?: string; error?: string }

/** In a worker: lets the primary collect this process's registry (prom-client's worker side). */
export function shareWithPrimary(registry: Registry): void {
  if (!isClusterWorker()) return
  AggregatorRegistry.setRegistries([registry])
  // Constructing one installs prom-client's listener for the primary's collection requests.
  new AggregatorRegistry()
}

type Pending = Map<number, { resolve: (text: string) => void; reject: (err: Error) => void }>
const anchor = globalThis as typeof globalThis & { __planningHubClusterMetrics?: { pending: Pending; next: number } }

function replies(): { pending: Pending; next: number } {
  if (!anchor.__planningHubClusterMetrics) {
    const state = { pending: new Map() as Pending, next: 1 }
    process.on('message', (message: MetricsResponse) => {
      if (message?.type !== METRICS_RESPONSE) return
      const waiting = state.pending.get(message.id)
      state.pending.delete(message.id)
      if (message.error !== undefined) waiting?.reject(new Error(message.error))
      else waiting?.resolve(message.text ?? '')
    })
    anchor.__planningHubClusterMetrics = state
  }
  return anchor.__planningHubClusterMetrics
}

/** In a worker: the metrics of every worker, summed by the primary. */
export function clusterMetricsText(): Promise<string> {
  const state = replies()
  const id = state.next++
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      state.pending.delete(id)
      reject(new Error(`the cluster primary did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`))
    }, ANSWER_TIMEOUT_MS)
    const settle =
      <T>(fn: (v: T) => void) =>
      (v: T) => {
        clearTimeout(timer)
        fn(v)
      }
    state.pending.set(id, { resolve: settle(resolve), reject: settle(reject) })
    process.send!({ type: METRICS_REQUEST, id } satisfies MetricsRequest)
  })
}
