// The Grafana dashboard imports as is (a datasource input, required plugins, a stable uid, every
// panel placed and bound to that input), and neither it nor the Prometheus rules query a metric
// the app does not export: a renamed metric must not leave an empty panel or a silent alert.
// npm test: database-free
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { metrics } from '../lib/metrics/registry'

const ROOT = path.resolve(import.meta.dirname, '..')
const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT, 'grafana/dashboards/planning_input_sets.json'), 'utf8'))
const rulesText = fs.readFileSync(path.join(ROOT, 'monitoring/input_set_diff.rules.yml'), 'utf8')

type Target = { refId: string; expr: string; datasource: unknown }
type Panel = { id: number; type: string; title: string; datasource: unknown; gridPos: { x: number; y: number; w: number; h: number }; targets: Target[] }
const panels: Panel[] = dashboard.panels
const INPUT = { type: 'prometheus', uid: '${DS_PROMETHEUS}' }

const NOT_METRICS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'offset', 'bool', 'inf', 'nan'])

/** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels, strings or durations. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
  return [...bare.matchAll(/(?<![\w.$])([A-Za-z_:][\w:]*)(\s*\()?/g)].filter((m) => !m[2] && !NOT_METRICS.has(m[1].toLowerCase())).map((m) => m[1])
}

/** The rule file's `expr:` values, single-line or `|` blocks (the file is ours; no YAML library needed). */
function ruleExprs(text: string): string[] {
  const lines = text.split('\n')
  const out: string[] = []
  lines.forEach((line, i) => {
    const m = /^(\s*)expr:\s*(.*)$/.exec(line)
    if (!m) return
    if (m[2] !== '|') return void out.push(m[2])
    const block: string[] = []
    for (let j = i + 1; j < lines.length && (lines[j].trim() === '' || lines[j].search(/\S/) > m[1].length); j++) block.push(lines[j])
    out.push(block.join('\n'))
  })
  return out
}

async function exportedNames(): Promise<Set<string>> {
  const names = new Set<string>()
  for (const m of await metrics().registry.getMetricsAsJSON()) {
    names.add(m.name)
    if (String(m.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${m.name}${suffix}`)
  }
  return names
}

const recorded = new Set([...rulesText.matchAll(/^\s*- record:\s*(\S+)\s*$/gm)].map((m) => m[1]))

test('metricNames sees through functions, groupings, matchers, ranges and Grafana variables', () => {
  const expr = 'histogram_quantile(0.95, sum by (route, le) (rate(x_bucket{route="/a b"}[$__rate_interval]))) / sum(y_total offset 5m) or vector(1e3)'
  assert.deepEqual(metricNames(expr), ['x_bucket', 'y_total'])
})

test('the dashboard is importable: a Prometheus datasource input, its plugins required, a stable uid and title', () => {
  assert.deepEqual(
    dashboard.__inputs.map((i: Record<string, string>) => [i.name, i.type, i.pluginId]),
    [['DS_PROMETHEUS', 'datasource', 'prometheus']],
  )
  const required = new Set(dashboard.__requires.map((r: Record<string, string>) => `${r.type}:${r.id}`))
  for (const need of ['grafana:grafana', 'datasource:prometheus', ...panels.map((p) => `panel:${p.type}`)]) assert.ok(required.has(need), `__requires lacks ${need}`)
  assert.equal(dashboard.uid, 'planning-input-sets')
  assert.equal(dashboard.id, null)
  assert.ok(dashboard.title)
  assert.ok(Number.isInteger(dashboard.schemaVersion) && dashboard.schemaVersion >= 36)
})

test('every panel is placed on the 24-column grid without overlap, bound to the input and has targets with an expression', () => {
  assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, 'panel ids are unique')
  const taken = new Set<string>()
  for (const p of panels) {
    assert.ok(['timeseries', 'stat'].includes(p.type), `${p.title}: type ${p.type}`)
    const { x, y, w, h } = p.gridPos
    assert.ok([x, y, w, h].every(Number.isInteger) && w > 0 && h > 0 && x + w <= 24, `${p.title}: gridPos ${JSON.stringify(p.gridPos)}`)
    for (let i = x; i < x + w; i++)
      for (let j = y; j < y + h; j++) {
        assert.ok(!taken.has(`${i},${j}`), `${p.title} overlaps another panel`)
        taken.add(`${i},${j}`)
      }
    assert.deepEqual(p.datasource, INPUT, p.title)
    assert.ok(p.targets.length > 0, `${p.title} has no targets`)
    for (const t of p.targets) {
      assert.deepEqual(t.datasource, INPUT, `${p.title} ${t.refId}`)
      assert.ok(t.expr.trim(), `${p.title} ${t.refId} has no expr`)
    }
  }
})

test('the dashboard shows what docs/metrics.md lists: failures, hit ratio, generation time, legacy runs, artifact errors', () => {
  const queried = new Set(panels.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr))))
  for (const name of [
    'input_set_diff_jobs_total',
    'input_set_diff_cache_hits_total',
    'input_set_diff_job_duration_seconds_bucket',
    'run_without_input_set_total',
    'plan_artifact_write_error_total',
    'input_set_imports_total',
    'input_set_reviews_total',
    'http_request_duration_seconds_bucket',
  ]) {
    assert.ok(queried.has(name), `no panel queries ${name}`)
  }
})

test('every metric the dashboard and the rules query is exported by the app or recorded by the rules', async () => {
  const known = new Set([...(await exportedNames()), ...recorded])
  const exprs = [
    ...panels.flatMap((p) => p.targets.map((t) => ({ where: `panel '${p.title}'`, expr: t.expr }))),
    ...ruleExprs(rulesText).map((expr) => ({ where: 'rules', expr })),
  ]
  assert.ok(exprs.length > panels.length)
  for (const { where, expr } of exprs) {
    const names = metricNames(expr)
    assert.ok(names.length > 0, `${where}: no metric found in ${expr}`)
    for (const name of names) assert.ok(known.has(name), `${where}: ${name} is neither exported by the app nor recorded in the rules`)
  }
})
