// Label values are a contract with the operators: their alerts and dashboards select
// entrypoint="/runs" or artifact="planning_input_set.json", and a value the app does not emit
// makes an alert that never fires. The rules, their unit tests and the dashboard select only
// values the app emits, and docs/metrics.md lists exactly the values of every enumerated label.
// npm test: database-free
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { metrics } from '../lib/metrics/registry'
import { ARTIFACT_NAMES } from '../lib/plans/artifacts'
import { RUN_ROUTES } from '../lib/plans/run-entrypoints'

const ROOT = path.resolve(import.meta.dirname, '..')
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8')
const NODE_PROCESS_METRIC = /^(process|nodejs)_/
const filesIn = (dir: string, suffix: string) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(suffix))
    .map((f) => `${dir}/${f}`)

/** The app's labels whose values are a closed set, per metric; `le`, the http labels and Node's process metrics are not. */
async function enumeratedLabels(): Promise<Map<string, Map<string, string[]>>> {
  const out = new Map<string, Map<string, string[]>>()
  for (const m of await metrics().registry.getMetricsAsJSON()) {
    if (NODE_PROCESS_METRIC.test(m.name)) continue
    for (const { labels } of m.values) {
      for (const [label, value] of Object.entries(labels)) {
        if (m.name === 'http_request_duration_seconds' || label === 'le') continue
        const byLabel = out.get(m.name) ?? new Map<string, string[]>()
        const values = byLabel.get(label) ?? []
        if (!values.includes(String(value))) values.push(String(value))
        out.set(m.name, byLabel.set(label, values))
      }
    }
  }
  // Artifact series appear with their first error (the alert handles that), so they are not in a fresh registry.
  out.set('plan_artifact_write_error_total', new Map([['artifact', [...ARTIFACT_NAMES]]]))
  return out
}

/** `metric{label="value", …}` selectors with exact matchers, from PromQL or promtool series text. */
function exactMatchers(text: string): { metric: string; label: string; value: string }[] {
  const out: { metric: string; label: string; value: string }[] = []
  for (const selector of text.matchAll(/([A-Za-z_:][\w:]*)\{([^}]*)\}/g)) {
    for (const m of selector[2].matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) out.push({ metric: selector[1], label: m[1], value: m[2] })
  }
  return out
}

/** The series a recording rule or a raw metric stands for: job_entrypoint:run_without_input_set:rate10m → run_without_input_set_total. */
function sourceMetric(name: string, known: Iterable<string>): string | undefined {
  const [, base] = name.includes(':') ? name.split(':') : [undefined, name]
  return [...known].find((k) => k === base || k === `${base}_total` || `${k}_bucket` === base)
}

function shippedQueries(): { file: string; text: string }[] {
  const dashboards = filesIn('grafana/dashboards', '.json').map((file) => {
    const panels: { targets: { expr: string }[] }[] = JSON.parse(read(file)).panels
    return { file, text: panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n') }
  })
  const yaml = [...filesIn('monitoring', '.rules.yml'), ...filesIn('monitoring/tests', '.yml')].map((file) => ({ file, text: read(file) }))
  return [...yaml, ...dashboards]
}

test('the rules, their unit tests and the dashboard select only label values the app emits (entrypoint="/runs", "/api/runs", …)', async () => {
  const known = await enumeratedLabels()
  let checked = 0
  for (const { file, text } of shippedQueries()) {
    for (const { metric, label, value } of exactMatchers(text)) {
      const source = sourceMetric(metric, known.keys())
      const values = source === undefined ? undefined : known.get(source)?.get(label)
      if (!values) continue
      checked++
      assert.ok(values.includes(value), `${file}: ${metric}{${label}="${value}"} selects a value the app never emits; it emits ${values.join(', ')}`)
    }
  }
  assert.ok(checked >= 10, `only ${checked} selectors checked: the parser no longer finds them`)
})

test('the run entrypoint label values are the route paths, and the dashboard shows each of them', async () => {
  const known = await enumeratedLabels()
  assert.deepEqual(known.get('run_without_input_set_total')?.get('entrypoint'), ['/runs', '/api/runs'])
  const dashboard = shippedQueries()
    .filter((q) => q.file.startsWith('grafana/'))
    .map((q) => q.text)
    .join('\n')
  for (const route of RUN_ROUTES)
    assert.ok(dashboard.includes(`run_without_input_set_total{entrypoint="${route}"}`), `no dashboard panel shows legacy runs through ${route}`)
})

test('docs/metrics.md lists every metric with exactly the label values the app emits', async () => {
  const rows = new Map<string, string>()
  for (const line of read('docs/metrics.md').split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    const name = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1]
    if (name && cells.length === 6) rows.set(name, cells[3])
  }
  for (const m of await metrics().registry.getMetricsAsJSON()) {
    if (NODE_PROCESS_METRIC.test(m.name)) continue
    assert.ok(rows.has(m.name), `docs/metrics.md has no row for ${m.name}`)
  }
  for (const [metric, labels] of await enumeratedLabels()) {
    const cell = rows.get(metric) ?? ''
    const documented = new Map([...cell.matchAll(/`(\w+)` = ((?:`[^`]+`(?:, )?)+)/g)].map((m) => [m[1], [...m[2].matchAll(/`([^`]+)`/g)].map((v) => v[1])]))
    for (const [label, values] of labels) {
      assert.deepEqual(documented.get(label)?.toSorted(), values.toSorted(), `docs/metrics.md, ${metric}: ${label} should list ${values.join(', ')}`)
    }
  }
})
