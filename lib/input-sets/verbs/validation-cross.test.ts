// Checks of the JSON sections (calendar, params) and the warnings that relate sections to
// each other: mix shares summing to 1 within tolerance, demand families without mix rows, periods
// outside the calendar, open POs after the horizon, items missing from item.csv, week weights.
// Each asserted at its exact {severity, code, file, row, column}; a calendar's row is the period's
// position in the file. Validate-only runs on in-memory files, on the database TEST_DB selects.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csv, dump, err, errorsOf, monthlyCalendar, runImport, memoryBundle, validate, validFiles, warn, warningsOf } from '../../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const CAL = 'planning_calendar.json'

/** Validates the valid bundle with some files replaced (null removes one); expects no errors. */
async function warningsWith(change: Record<string, string | null>) {
  const files: Record<string, string | Buffer> = validFiles()
  for (const [name, data] of Object.entries(change)) {
    if (data === null) delete files[name]
    else files[name] = data
  }
  const r = await validate(files)
  assert.deepEqual(errorsOf(r), [], dump(r))
  assert.equal(r.ok, true)
  return r
}

test(`${on} the baseline bundle of these tests is clean: no errors, no warnings`, async () => {
  const r = await warningsWith({})
  assert.deepEqual(warningsOf(r), [], dump(r))
  assert.deepEqual(r.files.planning_calendar, { rows_read: 3, rows_accepted: 3 })
})

// --- calendar and params errors -------------------------------------------------------------

test(`${on} a calendar JSON syntax error is bad_json at the line of the mistake`, async () => {
  const text = '{\n  "calendar_type": "custom",\n  "periods": [\n    {"period": "2025-01",, "start_date": "2025-01-01"}\n  ]\n}\n'
  const r = await validate({ ...validFiles(), [CAL]: text })
  assert.deepEqual(errorsOf(r), [err('bad_json', CAL, 4, null)], dump(r))
  assert.equal(r.content_hash, undefined)
})

test(`${on} a calendar without a periods array is a bad_calendar error on column 'periods'`, async () => {
  for (const text of ['{"calendar_type": "custom", "week_unit": "day"}', '{"periods": {"2025-01": {}}}', '[]']) {
    const r = await validate({ [CAL]: text })
    assert.deepEqual(errorsOf(r), [err('bad_calendar', CAL, null, 'periods')], `${text}\n${dump(r)}`)
  }
})

test(`${on} a bad week weight (negative, text, missing) is an error at the period's row and the weight's JSON path`, async () => {
  const text = monthlyCalendar(['2025-01', '2025-02', '2025-03'], (doc) => {
    const weeks = (p: number) => (doc.periods[p] as { weeks: Record<string, unknown>[] }).weeks
    weeks(1)[0].weight = -1
    weeks(2)[0].weight = '31'
    delete weeks(0)[0].weight
  })
  const r = await validate({ [CAL]: text })
  assert.deepEqual(
    errorsOf(r),
    [
      err('bad_calendar', CAL, 1, 'periods[0].weeks[0].weight'),
      err('bad_calendar', CAL, 2, 'periods[1].weeks[0].weight'),
      err('bad_calendar', CAL, 3, 'periods[2].weeks[0].weight'),
    ],
    dump(r),
  )
})

test(`${on} calendar periods with bad dates, end before start or a repeated period key are errors at their row`, async () => {
  const text = monthlyCalendar(['2025-01', '2025-02', '2025-03', '2025-04'], (doc) => {
    doc.periods[0].start_date = '2025-02-30'
    doc.periods[1].end_date = '2025-01-15'
    doc.periods[3].period = '2025-03'
  })
  const r = await validate({ [CAL]: text })
  assert.deepEqual(
    errorsOf(r),
    [err('bad_date', CAL, 1, 'periods[0].start_date'), err('bad_calendar', CAL, 2, 'periods[1].end_date'), err('duplicate_key', CAL, 4, 'periods[3].period')],
    dump(r),
  )
  assert.match(r.issues.find((i) => i.code === 'duplicate_key')!.message, /rows 3 and 4/)
})

test(`${on} invalid planning params are errors naming the key, in planning_params.json or nested in the calendar`, async () => {
  const own = await validate({ 'planning_params.json': '{"tolerance_abs": -1, "carryover_split": 1.5, "recon_window_days": 14}' })
  assert.deepEqual(
    errorsOf(own),
    [err('bad_value', 'planning_params.json', null, 'tolerance_abs'), err('bad_value', 'planning_params.json', null, 'carryover_split')],
    dump(own),
  )
  const nested = await validate({ [CAL]: monthlyCalendar(['2025-01'], (doc) => (doc.planning_params = { recon_window_days: 1.5 })) })
  assert.deepEqual(errorsOf(nested), [err('bad_value', CAL, null, 'planning_params.recon_window_days')], dump(nested))
  const broken = await validate({ 'planning_params.json': '{"tolerance_abs": 0.1,}' })
  assert.deepEqual(errorsOf(broken), [err('bad_json', 'planning_params.json', 1, null)], dump(broken))
})

// --- cross-section warnings -----------------------------------------------------------------

test(`${on} mix shares of a family (per effective_from) not summing to 1 warn at the group's first row`, async () => {
  const r = await warningsWith({
    'mix_share.csv': csv(
      'family,sku,share,effective_from',
      'F1,SKU1,0.6,', //          line 2: F1 (no date) sums to 0.6 + 0.3 = 0.9 → warning
      'F2,SKU3,1,', //            line 3: F2 (no date) sums to 1
      'F1,SKU2,0.3,', //          line 4
      'F2,SKU3,0.5,2025-07-01', // line 5: F2 from July sums to 0.5 + 0.5 = 1
      'F2,SKU1,0.5,2025-07-01', // line 6
      'F2,SKU3,0.7,2025-10-01', // line 7: F2 from October sums to 0.7 → warning
    ),
  })
  assert.deepEqual(warningsOf(r), [warn('mix_share_sum', 'mix_share.csv', 2, 'share'), warn('mix_share_sum', 'mix_share.csv', 7, 'share')], dump(r))
})

test(`${on} mix share sums within params tolerance_abs do not warn; outside it they do (own file or nested params)`, async () => {
  const mix = csv('family,sku,share', 'F1,SKU1,0.6', 'F1,SKU2,0.395', 'F2,SKU3,1')
  const strict = await warningsWith({ 'mix_share.csv': mix })
  assert.deepEqual(warningsOf(strict), [warn('mix_share_sum', 'mix_share.csv', 2, 'share')], dump(strict))
  const tolerant = await warningsWith({ 'mix_share.csv': mix, 'planning_params.json': '{"tolerance_abs": 0.01}' })
  assert.deepEqual(warningsOf(tolerant), [], dump(tolerant))
  const nested = await warningsWith({
    'mix_share.csv': mix,
    [CAL]: monthlyCalendar(['2025-01', '2025-02', '2025-03'], (d) => (d.planning_params = { tolerance_abs: 0.01 })),
  })
  assert.deepEqual(warningsOf(nested), [], dump(nested))
  const tooFar = await warningsWith({
    'mix_share.csv': csv('family,sku,share', 'F1,SKU1,0.6', 'F1,SKU2,0.38', 'F2,SKU3,1'),
    'planning_params.json': '{"tolerance_abs": 0.01}',
  })
  assert.deepEqual(warningsOf(tooFar), [warn('mix_share_sum', 'mix_share.csv', 2, 'share')], dump(tooFar))
})

test(`${on} planning_params.mix_share_sum_severity "error" makes a mix sum off 1 block the import; "warning" (the default) does not; anything else is bad_value`, async () => {
  const mix = csv('family,sku,share', 'F1,SKU1,0.6', 'F1,SKU2,0.3', 'F2,SKU3,1')
  const strict = await validate({ ...validFiles(), 'mix_share.csv': mix, 'planning_params.json': '{"mix_share_sum_severity": "error"}' })
  assert.deepEqual(errorsOf(strict), [err('mix_share_sum', 'mix_share.csv', 2, 'share')], dump(strict))
  assert.equal(strict.ok, false)
  assert.match(strict.issues[0].message, /sum to 0\.9, not 1 \(planning_params\.mix_share_sum_severity is "error", so this blocks the import\)/)
  for (const params of ['{"mix_share_sum_severity": "warning"}', null]) {
    const lenient = await warningsWith({ 'mix_share.csv': mix, 'planning_params.json': params })
    assert.deepEqual(warningsOf(lenient), [warn('mix_share_sum', 'mix_share.csv', 2, 'share')], dump(lenient))
    assert.match(lenient.issues[0].message, /a warning; planning_params\.mix_share_sum_severity "error" would block the import/)
  }
  const nested = await validate({
    ...validFiles(),
    'mix_share.csv': mix,
    [CAL]: monthlyCalendar(['2025-01', '2025-02', '2025-03'], (d) => (d.planning_params = { mix_share_sum_severity: 'error' })),
  })
  assert.deepEqual(errorsOf(nested), [err('mix_share_sum', 'mix_share.csv', 2, 'share')], dump(nested))
  const bad = await validate({ ...validFiles(), 'planning_params.json': '{"mix_share_sum_severity": "fatal"}' })
  assert.deepEqual(errorsOf(bad), [err('bad_value', 'planning_params.json', null, 'mix_share_sum_severity')], dump(bad))
  assert.match(bad.issues[0].message, /must be one of "warning", "error"; got "fatal"/)
})

test(`${on} a new label without planning_calendar.json warns no_calendar once; with a calendar, or inheriting one, it does not`, async () => {
  const none = await warningsWith({ [CAL]: null })
  const missing = warningsOf(none).filter((w) => w.code === 'no_calendar')
  assert.deepEqual(missing, [warn('no_calendar', CAL, null, null)], dump(none))
  assert.match(none.issues.find((i) => i.code === 'no_calendar')!.message, /no planning_calendar\.json and the label has no earlier calendar to inherit/)
  await runImport(memoryBundle(validFiles()), { label: 'has-calendar' })
  const { [CAL]: _calendar, ...files } = validFiles()
  const later = await validate(files, { label: 'has-calendar' })
  assert.deepEqual(
    warningsOf(later).filter((w) => w.code === 'no_calendar'),
    [],
    dump(later),
  )
})

test(`${on} a demand family with no mix rows warns at its first demand row; no mix_share.csv at all warns once`, async () => {
  const r = await warningsWith({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'F3,2025-01,2', 'F2,2025-01,3', 'F3,2025-02,4') })
  assert.deepEqual(warningsOf(r), [warn('family_without_mix', 'demand_family.csv', 3, 'family')], dump(r))
  const none = await warningsWith({ 'mix_share.csv': null })
  assert.deepEqual(warningsOf(none), [warn('no_mix_share', 'demand_family.csv', null, 'family')], dump(none))
})

test(`${on} periods of demand, capacity, period_cost and period_score missing from the calendar warn once per period`, async () => {
  const r = await warningsWith({
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'F1,2025-04,2', 'F2,2025-04,3', 'F2,2025-05,4'),
    'capacity.csv': csv('workcenter,period,capacity', 'WC1,2024-12,1', 'WC1,2025-01,1'),
    'period_cost.csv': csv('period,cost', '2025-01,1', '2025-02,1', 'Q1,1'),
    'period_score.csv': csv('period,score', '2026-01,1'),
  })
  assert.deepEqual(
    warningsOf(r),
    [
      warn('period_not_in_calendar', 'capacity.csv', 2, 'period'),
      warn('period_not_in_calendar', 'demand_family.csv', 3, 'period'),
      warn('period_not_in_calendar', 'demand_family.csv', 5, 'period'),
      warn('period_not_in_calendar', 'period_cost.csv', 4, 'period'),
      warn('period_not_in_calendar', 'period_score.csv', 2, 'period'),
    ],
    dump(r),
  )
})

test(`${on} an open PO due after the calendar horizon (date or period key) warns at its row; on the last day it does not`, async () => {
  const r = await warningsWith({
    'open_po.csv': csv('item,due,qty,po_id', 'COMP1,2025-03-31,1,A', 'COMP1,2025-04-01,1,B', 'COMP1,2025-02,1,C', 'COMP1,2025-05,1,D'),
  })
  assert.deepEqual(warningsOf(r), [warn('po_after_horizon', 'open_po.csv', 3, 'due'), warn('po_after_horizon', 'open_po.csv', 5, 'due')], dump(r))
})

test(`${on} inventory and BOM items missing from item.csv warn at their first row and column`, async () => {
  const r = await warningsWith({
    'inventory.csv': csv('item,loc,qty', 'SKU1,WH1,1', 'X9,WH1,1', 'X9,WH2,1'),
    'bom.csv': csv('parent,child,qty', 'SKU1,COMP1,1', 'P9,COMP1,1', 'SKU2,C9,1'),
  })
  assert.deepEqual(
    warningsOf(r),
    [
      warn('item_not_in_item_csv', 'bom.csv', 3, 'parent'),
      warn('item_not_in_item_csv', 'bom.csv', 4, 'child'),
      warn('item_not_in_item_csv', 'inventory.csv', 3, 'item'),
    ],
    dump(r),
  )
})

test(`${on} calendar week weights not summing to the period's days warn at that period`, async () => {
  const text = monthlyCalendar(['2025-01', '2025-02', '2025-03'], (doc) => {
    ;(doc.periods[1] as { weeks: { weight: number }[] }).weeks[0].weight = 27
  })
  const r = await warningsWith({ [CAL]: text })
  assert.deepEqual(warningsOf(r), [warn('week_weights', CAL, 2, 'periods[1].weeks')], dump(r))
})

test(`${on} cross checks use the label's current items when item.csv is inherited rather than uploaded`, async () => {
  const label = 'cross-inherit'
  const first = await runImport(memoryBundle(validFiles()), { label })
  assert.equal(first.ok, true, dump(first))
  const r = await runImport(memoryBundle({ 'inventory.csv': csv('item,loc,qty', 'SKU1,WH1,1', 'X9,WH1,1') }), { label, validateOnly: true })
  assert.deepEqual(errorsOf(r), [], dump(r))
  assert.deepEqual(warningsOf(r), [warn('item_not_in_item_csv', 'inventory.csv', 3, 'item')], dump(r))
})
