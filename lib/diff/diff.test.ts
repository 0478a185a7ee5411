// The diff on crafted pairs of bundles: every change kind, tolerance edges, exact counts
// under truncation, pivots, byte-wise key order, and the export CLI's --diff-against.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { cli } from '../../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { REFERENCE, tempDir, variantOf } from '../../test/helpers/fixtures'
import { importDir } from '../../test/helpers/input-sets'
import { compareText } from './compare'
import { parseInputSetRef } from '../input-sets/labels'
import { diffRevisions } from './diff'
import type { CalendarDiff } from './types'

await useFreshDatabase()
const on = `[${dbLabel()}]`

const CALENDAR = JSON.parse(fs.readFileSync(path.join(REFERENCE.planning, 'planning_calendar.json'), 'utf8'))

/** The reference calendar with an edit applied (params live inside it in this bundle). */
function calendarWith(edit: (cal: typeof CALENDAR) => void): string {
  const cal = structuredClone(CALENDAR)
  edit(cal)
  return JSON.stringify(cal)
}

async function load(label: string, changes: Record<string, string | null>) {
  const { report } = await importDir(variantOf(REFERENCE.planning, changes), label)
  assert.equal(report.ok, true, JSON.stringify(report.issues.filter((i) => i.severity === 'error')))
}

const BASE = {
  'demand_family.csv': 'family,period,demand,note\nF1,2025-01,100,a\nF1,2025-02,120,b\nF1,2025-03,140,c\nF2,2025-01,80,d\n',
  'open_po.csv': 'item,due,qty,po_id\nCOMP1,2025-01-10,100,PO-1\nCOMP1,2025-01-10,5,PO-2\nCOMP1,2025-02-10,7,\n',
}
const CHANGED = {
  'demand_family.csv': 'family,period,demand,note\nF1,2025-01,110,a\nF1,2025-02,120,B\nF2,2025-01,80,d\nF3,2025-01,50,e\n',
  'open_po.csv': 'item,due,qty,po_id\nCOMP1,2025-01-20,100,PO-1\nCOMP1,2025-02-10,9,\nCOMP1,2025-03-01,4,PO-3\n',
  'capacity.csv': fs.readFileSync(path.join(REFERENCE.planning, 'capacity.csv'), 'utf8').replace('WC1,2025-02,500', 'WC1,2025-02,450'),
  'planning_calendar.json': calendarWith((cal) => {
    cal.periods[1].end_date = '2025-02-27'
    cal.planning_params.recon_window_days = 21
  }),
}

await load('base', BASE)
await load('same', BASE)
await load('changed', CHANGED)

test(`${on} identical sets: nothing added, removed or changed; no pivots`, async () => {
  const r = await diffRevisions(parseInputSetRef('same'), parseInputSetRef('base'))
  for (const [stem, c] of Object.entries(r.summary.sections)) {
    assert.deepEqual({ ...c, unchanged: 0 }, { added: 0, removed: 0, changed: 0, unchanged: 0 }, stem)
  }
  assert.equal(r.summary.sections.demand_family.unchanged, 4)
  assert.equal(r.summary.sections.open_po.unchanged, 3)
  assert.equal(r.summary.sections.planning_calendar.unchanged, 12)
  assert.equal(r.summary.sections.planning_params.unchanged, 7)
  assert.deepEqual(r.pivots, { demand: [], capacity: [] })
  assert.deepEqual(r.summary.demand_total, { current: 440, reference: 440, delta: 0 })
  assert.equal(r.revisions.current.content_hash, r.revisions.reference.content_hash)
  assert.equal(r.sections.demand_family.truncated, false)
})

test(`${on} demand rows added, removed and changed; unknown column compared as text`, async () => {
  const r = await diffRevisions(parseInputSetRef('changed'), parseInputSetRef('base'))
  assert.equal(r.label, 'changed')
  assert.equal(r.against, 'base')
  assert.deepEqual(r.summary.sections.demand_family, { added: 1, removed: 1, changed: 2, unchanged: 1 })
  const d = r.sections.demand_family
  assert.deepEqual(d.added, [{ family: 'F3', period: '2025-01', demand: 50, note: 'e' }])
  assert.deepEqual(d.removed, [{ family: 'F1', period: '2025-03', demand: 140, note: 'c' }])
  assert.deepEqual(d.changed, [
    {
      key: { family: 'F1', period: '2025-01' },
      fields: { demand: { previous: 100, current: 110, delta: 10, relative: 0.1, within_tolerance: false } },
      within_tolerance: false,
    },
    { key: { family: 'F1', period: '2025-02' }, fields: { note: { previous: 'b', current: 'B' } }, within_tolerance: false },
  ])
  assert.deepEqual(r.summary.demand_total, { current: 360, reference: 440, delta: -80 })
})

test(`${on} changed capacity, calendar period and param`, async () => {
  const r = await diffRevisions(parseInputSetRef('changed'), parseInputSetRef('base'))
  assert.deepEqual(r.summary.sections.capacity, { added: 0, removed: 0, changed: 1, unchanged: 11 })
  assert.deepEqual(r.sections.capacity.changed[0].key, { workcenter: 'WC1', period: '2025-02' })
  assert.equal(r.sections.capacity.changed[0].fields.capacity.delta, -50)
  assert.deepEqual(r.summary.capacity_total, { current: 5950, reference: 6000, delta: -50 })
  const cal = r.sections.planning_calendar as CalendarDiff
  assert.deepEqual(r.summary.sections.planning_calendar, { added: 0, removed: 0, changed: 1, unchanged: 11 })
  assert.deepEqual(cal.changed[0].key, { period: '2025-02' })
  assert.deepEqual(cal.changed[0].fields.end_date, { previous: '2025-02-28', current: '2025-02-27' })
  assert.deepEqual(cal.header, {})
  assert.deepEqual(r.summary.sections.planning_params, { added: 0, removed: 0, changed: 1, unchanged: 6 })
  assert.deepEqual(r.sections.planning_params.changed[0].key, { key: 'recon_window_days' })
  assert.equal(r.sections.planning_params.changed[0].fields.value.delta, 7)
})

test(`${on} open_po rows are matched by po_id when present, else by item and due`, async () => {
  const r = await diffRevisions(parseInputSetRef('changed'), parseInputSetRef('base'))
  assert.deepEqual(r.summary.sections.open_po, { added: 1, removed: 1, changed: 2, unchanged: 0 })
  const po = r.sections.open_po
  assert.deepEqual(
    po.added.map((x) => x.po_id),
    ['PO-3'],
  )
  assert.deepEqual(
    po.removed.map((x) => x.po_id),
    ['PO-2'],
  )
  assert.deepEqual(
    po.changed.map((c) => [c.key, Object.keys(c.fields)]),
    [
      [{ po_id: 'PO-1' }, ['due']],
      [{ item: 'COMP1', due: '2025-02-10' }, ['qty']],
    ],
  )
})

test(`${on} pivots list only non-zero demand and capacity deltas`, async () => {
  const r = await diffRevisions(parseInputSetRef('changed'), parseInputSetRef('base'))
  assert.deepEqual(r.pivots.demand, [
    { family: 'F1', period: '2025-01', previous: 100, current: 110, delta: 10 },
    { family: 'F1', period: '2025-03', previous: 140, current: 0, delta: -140 },
    { family: 'F3', period: '2025-01', previous: 0, current: 50, delta: 50 },
  ])
  assert.deepEqual(r.pivots.capacity, [{ workcenter: 'WC1', period: '2025-02', previous: 500, current: 450, delta: -50 }])
})

test(`${on} a tiny limit truncates the lists, flags it and keeps exact counts`, async () => {
  const r = await diffRevisions(parseInputSetRef('changed'), parseInputSetRef('base'), { limit: 1 })
  assert.deepEqual(r.summary.sections.demand_family, { added: 1, removed: 1, changed: 2, unchanged: 1 })
  assert.equal(r.sections.demand_family.changed.length, 1)
  assert.equal(r.sections.demand_family.truncated, true)
  assert.equal(r.sections.capacity.truncated, false)
  assert.equal(r.limit, 1)
  assert.equal((await diffRevisions(parseInputSetRef('changed'), parseInputSetRef('base'), { limit: 0 })).sections.capacity.truncated, true)
})

test(`${on} tolerance edges use the current set's params`, async () => {
  const costs = (...v: number[]) => `period,cost\n${v.map((c, i) => `2025-0${i + 1},${c}`).join('\n')}\n`
  // Binary-exact numbers: the bound for previous 100 is 0.25 + 0.5·100 = 50.25.
  await load('tol-ref', {
    'period_cost.csv': costs(100, 100, 100),
    'planning_calendar.json': calendarWith((c) => Object.assign(c.planning_params, { tolerance_abs: 0, tolerance_rel: 0 })),
  })
  await load('tol-cur', {
    'period_cost.csv': costs(150.25, 150.5, 49.75),
    'planning_calendar.json': calendarWith((c) => Object.assign(c.planning_params, { tolerance_abs: 0.25, tolerance_rel: 0.5 })),
  })
  const r = await diffRevisions(parseInputSetRef('tol-cur'), parseInputSetRef('tol-ref'))
  assert.deepEqual(r.tolerance, { abs: 0.25, rel: 0.5 })
  const verdicts = r.sections.period_cost.changed.map((c) => [c.key.period, c.fields.cost.delta, c.fields.cost.within_tolerance])
  assert.deepEqual(verdicts, [
    ['2025-01', 50.25, true],
    ['2025-02', 50.5, false],
    ['2025-03', -50.25, true],
  ])
})

test(`${on} float noise (0.1 + 0.2 vs 0.3) is a change within the default tolerance`, async () => {
  await load('noise-ref', { 'period_score.csv': 'period,score\n2025-01,0.3\n' })
  await load('noise-cur', { 'period_score.csv': `period,score\n2025-01,${0.1 + 0.2}\n` })
  const r = await diffRevisions(parseInputSetRef('noise-cur'), parseInputSetRef('noise-ref'))
  assert.deepEqual(r.tolerance, { abs: 1e-6, rel: 1e-6 })
  const [change] = r.sections.period_score.changed
  assert.equal(change.fields.score.within_tolerance, true)
  assert.equal(change.within_tolerance, true)
})

test(`${on} keys are merged in UTF-8 byte order, as the databases sort them`, async () => {
  // U+FF21 sorts before U+1F600 in UTF-8 but after its surrogate pair in UTF-16.
  assert.ok('\uFF21' > '\u{1F600}')
  assert.ok(compareText('\uFF21', '\u{1F600}') < 0)
  assert.ok(compareText(null, '') < 0)
  assert.equal(compareText('ab', 'ab'), 0)
  const demand = (x: number) => `family,period,demand\n\uFF21,2025-01,1\n\u{1F600},2025-01,${x}\nZ,2025-01,3\n`
  await load('utf-ref', { 'demand_family.csv': demand(2) })
  await load('utf-cur', { 'demand_family.csv': demand(5) })
  const r = await diffRevisions(parseInputSetRef('utf-cur'), parseInputSetRef('utf-ref'))
  assert.deepEqual(r.summary.sections.demand_family, { added: 0, removed: 0, changed: 1, unchanged: 2 })
  assert.deepEqual(r.sections.demand_family.changed[0].key, { family: '\u{1F600}', period: '2025-01' })
})

test(`${on} export --diff-against writes diff_report.json beside the export; unknown reference exits 4`, () => {
  const out = tempDir('export-diff-')
  const ok = cli('export_planning_inputs', ['--label', 'changed', '-o', out, '--diff-against', 'base'])
  assert.equal(ok.code, 0, ok.stderr)
  const file = path.join(out, 'diff_report.json')
  assert.match(ok.stdout, /diff_report\.json/)
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  assert.equal(report.label, 'changed')
  assert.equal(report.against, 'base')
  assert.deepEqual(report.summary.sections.demand_family, { added: 1, removed: 1, changed: 2, unchanged: 1 })
  assert.ok(!fs.readdirSync(path.join(out, 'planning_inputs_changed')).includes('diff_report.json'))

  const other = tempDir('export-diff-')
  const missing = cli('export_planning_inputs', ['--label', 'changed', '-o', other, '--diff-against', 'bsae'])
  assert.equal(missing.code, 4, missing.stderr)
  assert.match(missing.stderr, /Input set 'bsae' not found\..*base/)
  assert.deepEqual(fs.readdirSync(other), [])
})

test(`${on} sections longer than one streamed chunk merge correctly`, async () => {
  const rows = (skip: number, bump: number) =>
    Array.from({ length: 4500 }, (_, i) => i)
      .filter((i) => i !== skip)
      .map((i) => `F${String(i).padStart(5, '0')},2025-01,${i === bump ? i + 1 : i}`)
  await load('big-ref', { 'demand_family.csv': ['family,period,demand', ...rows(10, -1)].join('\n') })
  await load('big-cur', { 'demand_family.csv': ['family,period,demand', ...rows(4400, 3000)].join('\n') })
  const r = await diffRevisions(parseInputSetRef('big-cur'), parseInputSetRef('big-ref'), { limit: 10 })
  assert.deepEqual(r.summary.sections.demand_family, { added: 1, removed: 1, changed: 1, unchanged: 4497 })
  assert.deepEqual(
    r.sections.demand_family.added.map((x) => x.family),
    ['F00010'],
  )
  assert.deepEqual(
    r.sections.demand_family.removed.map((x) => x.family),
    ['F04400'],
  )
  assert.deepEqual(r.sections.demand_family.changed[0].key, { family: 'F03000', period: '2025-01' })
})
