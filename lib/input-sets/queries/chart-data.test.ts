// The detail page's chart totals (SQL GROUP BY) — on the database selected by TEST_DB.
import { reader } from '../../../test/helpers/access'
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { writeBundle } from '../../../test/helpers/fixtures'
import { importDir } from '../../../test/helpers/input-sets'
import { NotFoundError } from '../../errors'
import { getInputSetCharts, TOP_FAMILIES } from './chart-data'

await useFreshDatabase()
const on = `[${dbLabel()}]`

// Period names that sort differently by text (P10 < P2) than by calendar date (P2 < P10).
const PERIODS = [
  { period: 'P2', start_date: '2026-01-01', end_date: '2026-01-31' },
  { period: 'P10', start_date: '2026-02-01', end_date: '2026-02-28' },
]
const calendar = JSON.stringify({
  calendar_type: 'custom',
  week_unit: 'day',
  periods: PERIODS.map((p) => ({ ...p, weeks: [{ week_code: `${p.period}-W1`, sequence: 1, start_date: p.start_date, end_date: p.end_date, weight: 1 }] })),
})

// Family F1 has demand 10 per period, F2 20 … F10 100: F3..F10 are the eight largest.
const families = Array.from({ length: TOP_FAMILIES + 2 }, (_, i) => `F${i + 1}`)
const demandCsv = `family,period,demand\n${families.flatMap((f, i) => PERIODS.map((p) => `${f},${p.period},${(i + 1) * 10}`)).join('\n')}\n`
const capacityCsv = 'workcenter,period,capacity,resource_type\nWC1,P2,100,workcenter\nWC2,P2,50,workcenter\nWC1,P10,120,workcenter\nS1,P10,7,supplier\n'

test(`${on} charts: the largest families are separate series, the rest are summed as other, per period in calendar order`, async () => {
  await importDir(writeBundle({ 'demand_family.csv': demandCsv, 'capacity.csv': capacityCsv, 'planning_calendar.json': calendar }), 'charted')
  const charts = await getInputSetCharts(reader, 'charted@draft')
  assert.deepEqual(charts.families, ['F10', 'F9', 'F8', 'F7', 'F6', 'F5', 'F4', 'F3'])
  assert.equal(charts.otherFamilies, 2)
  assert.deepEqual(
    charts.demandByFamily.map((p) => p.period),
    ['P2', 'P10'],
  )
  for (const point of charts.demandByFamily) {
    assert.equal(point.values.F10, 100)
    assert.equal(point.values.F3, 30)
    assert.equal(point.values.F1, undefined)
    assert.equal(point.other, 10 + 20)
  }
})

test(`${on} charts: demand vs capacity totals every family per period and keeps one capacity series per resource type`, async () => {
  const charts = await getInputSetCharts(reader, 'charted')
  assert.deepEqual(charts.resourceTypes, ['supplier', 'workcenter'])
  const total = families.reduce((sum, _, i) => sum + (i + 1) * 10, 0)
  assert.deepEqual(charts.demandVsCapacity, [
    { period: 'P2', demand: total, capacity: { workcenter: 150 } },
    { period: 'P10', demand: total, capacity: { workcenter: 120, supplier: 7 } },
  ])
})

test(`${on} charts: a revision without demand or capacity rows has nothing to chart; an unknown label is not found`, async () => {
  await importDir(writeBundle({ 'planning_calendar.json': calendar }), 'calendar-only')
  const charts = await getInputSetCharts(reader, 'calendar-only')
  assert.deepEqual([charts.families, charts.demandByFamily, charts.demandVsCapacity, charts.otherFamilies], [[], [], [], 0])
  await assert.rejects(getInputSetCharts(reader, 'no-such-set'), NotFoundError)
})
