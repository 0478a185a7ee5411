// One load run against one endpoint with autocannon: N concurrent connections for D seconds.
// Latency percentiles are computed from every response's own time (autocannon's summary has
// no p95), and every non-2xx answer or socket error counts as an error.
import autocannon from 'autocannon'

export type LoadOptions = { connections: number; durationSeconds: number; headers?: Record<string, string> }

export type LoadResult = { path: string; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number }

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export async function measureEndpoint(baseUrl: string, path: string, o: LoadOptions): Promise<LoadResult> {
  const times: number[] = []
  let failed = 0
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${baseUrl}${path}`, connections: o.connections, duration: o.durationSeconds, headers: o.headers }, (err, r) =>
      err ? reject(err) : resolve(r),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime)
      if (statusCode < 200 || statusCode > 299) failed++
    })
  })
  times.sort((a, b) => a - b)
  return {
    path,
    requests: times.length,
    rps: times.length / o.durationSeconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
    errors: failed + result.errors + result.timeouts,
  }
}
