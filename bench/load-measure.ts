// One load run against one endpoint: N concurrent connections for D seconds, driven by
// autocannon (an npm package, always there) or wrk (Debian's package, written in C: it takes
// a fraction of the CPU autocannon needs, which matters when client and server share cores).
// Every non-2xx answer, socket error or timeout (10 s for both) counts as an error.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

export type Generator = 'autocannon' | 'wrk'

export type LoadOptions = { connections: number; durationSeconds: number; headers?: Record<string, string>; generator?: Generator }

export type LoadResult = { path: string; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number }

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export function measureEndpoint(baseUrl: string, path: string, o: LoadOptions): Promise<LoadResult> {
  return o.generator === 'wrk' ? measureWithWrk(baseUrl, path, o) : measureWithAutocannon(baseUrl, path, o)
}

// Percentiles from every response's own time: autocannon's summary has no p95.
async function measureWithAutocannon(baseUrl: string, path: string, o: LoadOptions): Promise<LoadResult> {
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

// wrk reports through a Lua hook: its done() sees the full latency histogram (microseconds).
const WRK_REPORT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"errors":%d}\\n',
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
`

async function measureWithWrk(baseUrl: string, urlPath: string, o: LoadOptions): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wrk-'))
  const script = path.join(dir, 'report.lua')
  fs.writeFileSync(script, WRK_REPORT)
  const headerArgs = Object.entries(o.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`])
  const args = ['-t1', `-c${o.connections}`, `-d${o.durationSeconds}s`, '--timeout', '10s', '-s', script, ...headerArgs, `${baseUrl}${urlPath}`]
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] })
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
      child.on('error', (err) => reject(new Error(`wrk could not run (${err.message}); install Debian's wrk or use --generator autocannon`)))
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))))
    })
    const line = /WRK_RESULT (\{.*\})/.exec(out)
    if (!line) throw new Error(`wrk printed no result:\n${out}`)
    const r = JSON.parse(line[1]) as Omit<LoadResult, 'path' | 'rps'>
    return { path: urlPath, ...r, rps: r.requests / o.durationSeconds }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
