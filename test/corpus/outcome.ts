// What the corpus tests check for every case, whichever way it was imported: the expected
// outcome with its issues, never a stack trace, and the time and memory figures it took.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import type { Expectation, IssueRef } from '../../scripts/dev/generate-corpus'
import type { Issue, ValidationReport } from '../../lib/input-sets/bundle/report'

/** Bounds per case (docs/bundles.md, "Hostile input corpus"; upload limits keep hostile input cheap). */
export const MAX_RSS_BYTES = 400 * 1024 * 1024
export const MAX_SECONDS = 30

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m

export function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, STACK_FRAME, 'output contains a stack trace')
  assert.doesNotMatch(text, /unexpected failure|Internal error/, 'output reports an unexpected failure')
}

/** Every expected issue is in the report, matching code and file, and row and column where given. */
export function assertIssues(issues: Issue[], severity: Issue['severity'], expected: IssueRef[] = []): void {
  for (const e of expected) {
    const found = issues.some(
      (i) =>
        i.severity === severity &&
        i.code === e.code &&
        i.file === e.file &&
        (e.row === undefined || i.row === e.row) &&
        (e.column === undefined || i.column === e.column),
    )
    assert.ok(found, `expected ${severity} ${JSON.stringify(e)} in ${JSON.stringify(issues, null, 1)}`)
  }
  for (const i of issues) assert.ok(i.file !== '' && typeof i.message === 'string' && i.message !== '', `issue without file or message: ${JSON.stringify(i)}`)
}

export function assertRowsAccepted(report: ValidationReport, expected: Record<string, number> = {}): void {
  for (const [stem, rows] of Object.entries(expected)) {
    assert.equal(report.files[stem as keyof ValidationReport['files']]?.rows_accepted, rows, `rows accepted in ${stem}`)
  }
}

export function summary(e: Expectation, status: boolean): string {
  if (e.outcome === 'accepted') return status ? '201' : 'exit 0'
  if (e.outcome === 'refused') return status ? `${e.status ?? 400} ${e.code}` : `exit 2 (${e.code})`
  return `${status ? '422' : 'exit 2'} ${[...new Set(e.errors.map((i) => i.code))].join(', ')}`
}

export type Figure = { name: string; seconds: number; rssBytes?: number }

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** Prints one line per case and the worst figures, so a run shows what each case cost. */
export function printFigures(title: string, figures: Figure[]): void {
  const lines = figures.map((f) => `  ${f.name.padEnd(32)} ${f.seconds.toFixed(2).padStart(6)} s${f.rssBytes ? `  ${mb(f.rssBytes).padStart(7)}` : ''}`)
  const slowest = figures.reduce((a, f) => (f.seconds > a.seconds ? f : a), figures[0])
  const largest = figures.reduce((a, f) => ((f.rssBytes ?? 0) > (a.rssBytes ?? 0) ? f : a), figures[0])
  const worst = `slowest ${slowest?.name} ${slowest?.seconds.toFixed(2)} s${largest?.rssBytes ? `, largest ${largest.name} ${mb(largest.rssBytes)}` : ''}`
  console.log(`${title}\n${lines.join('\n')}\n  ${worst}`)
}

/** Peak resident set size (VmHWM) of the process listening on a loopback TCP port (the test server). */
export function peakRssOfListener(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const listening = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
  if (!listening) return undefined
  const socket = `socket:[${listening[9]}]`
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!fs.readdirSync(`/proc/${pid}/fd`).some((fd) => fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === socket)) continue
      const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
      return kb ? kb * 1024 : undefined
    } catch {
      // Not ours to read, or it ended while being read.
    }
  }
  return undefined
}
