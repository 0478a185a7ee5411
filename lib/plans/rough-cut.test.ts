// The rough-cut formulas on a hand-computed example (backlog carry, zero capacity, mix split,
// POs before, inside and after the horizon), and on a revision that inherits its sections.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csv } from '../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { alice } from '../../test/helpers/input-sets'
import { planFiles, readySet } from '../../test/helpers/plans'
import { getSql } from '../db/sql'
import { parseInputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow } from '../input-sets/store/resolve'
import { createPlan } from './create-plan'
import { computeRoughCut } from './rough-cut'

await useFreshDatabase()
const on = `[${dbLabel()}]`

/** A plan's stored item × period rows, by item then period. */
function planItemRows(planId: number) {
  return getSql().withConnection((conn) =>
    conn.db.selectFrom('plan_item_period').selectAll().where('plan_id', '=', planId).orderBy('item').orderBy('position').execute(),
  )
}

test(`${on} per period: supply = min(demand + backlog in, capacity), the rest carried; utilisation null at zero capacity`, async () => {
  await readySet('rc-a')
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'rc-a', actor: alice })
  assert.deepEqual(
    plan.periods.map((p) => [p.period, p.demand, p.capacity, p.supply, p.backlog, p.utilisation]),
    [
      // 180 demand, 150 capacity: 150 supplied, 30 carried.
      ['2025-01', 180, 150, 150, 30, 1],
      // No capacity: nothing supplied, 30 + 160 carried, no utilisation.
      ['2025-02', 160, 0, 0, 190, null],
      // 80 + 190 = 270 ≤ 300 (WC1 200 + WC2 100): all supplied, 270 / 300 = 0.9.
      ['2025-03', 80, 300, 270, 0, 0.9],
    ],
  )
  assert.equal(plan.summary.total_demand, 420)
  assert.equal(plan.summary.total_supply, 420)
  assert.equal(plan.summary.ending_backlog, 0)
  assert.equal(plan.summary.peak_utilisation, 1)
  assert.deepEqual(plan.summary.periods_without_capacity, ['2025-02'])
})

test(`${on} SKU split by mix share and projected inventory with PO receipts placed in periods`, async () => {
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'rc-a@1', actor: alice })
  const rows = await planItemRows(plan.id)
  const byItem = (item: string) => rows.filter((r) => r.item === item).map((r) => [r.demand, r.receipts, r.inventory])
  // SKU1 = 0.6 × F1 (100, 120, 50); stock 50 + 25; PO P1 (due 2024-12-15, before the horizon) lands in 2025-01, P2 in 2025-02.
  assert.deepEqual(byItem('SKU1'), [
    [60, 10, 25],
    [72, 100, 53],
    [30, 0, 23],
  ])
  // SKU2 = 0.4 × F1; no stock; P3 names the period key 2025-03.
  assert.deepEqual(byItem('SKU2'), [
    [40, 0, -40],
    [48, 0, -88],
    [20, 30, -78],
  ])
  // SKU3 = 1 × F2 (80, 40, –); P4 is due after the horizon and is not planned.
  assert.deepEqual(byItem('SKU3'), [
    [80, 0, 20],
    [40, 0, -20],
    [0, 0, -20],
  ])
  // An item with stock and no demand keeps its stock.
  assert.deepEqual(byItem('COMP1'), [
    [0, 0, 200],
    [0, 0, 200],
    [0, 0, 200],
  ])
  assert.deepEqual(plan.summary.open_po_before_horizon, { rows: 1, qty: 10 })
  assert.deepEqual(plan.summary.open_po_outside_horizon, { rows: 1, qty: 500 })
  assert.deepEqual(plan.summary.families_without_mix, { count: 1, demand: 30, examples: ['F3'] })
  assert.equal(plan.summary.items, 4)
  assert.equal(plan.summary.items_short, 2)
})

test(`${on} a revision that inherits sections is planned from its inherited rows`, async () => {
  // Only demand is uploaded; capacity, mix, stock, POs and calendar come from rc-a's ready revision.
  await readySet('rc-a', { 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,10', 'F1,2025-02,10', 'F1,2025-03,10') })
  const plan = await createPlan({ configVersionId: 1, inputSetLabel: 'rc-a', actor: alice })
  assert.equal(plan.input_set?.revision, 2)
  assert.deepEqual(
    plan.periods.map((p) => [p.demand, p.capacity, p.supply, p.backlog]),
    [
      [10, 150, 10, 0],
      [10, 0, 0, 10],
      [10, 300, 20, 0],
    ],
  )
  const sku1 = (await planItemRows(plan.id)).filter((r) => r.item === 'SKU1')
  assert.deepEqual(
    sku1.map((r) => r.inventory),
    [79, 173, 167],
  )
})

test(`${on} items come by name in JavaScript's order whatever the database's collation; an item with only a receipt is planned`, async () => {
  // Upper and lower case order differently under a linguistic collation (PostgreSQL's default)
  // than by code unit; the split streams in the database's order, the plan must not.
  await readySet('rc-order', {
    ...planFiles(),
    'mix_share.csv': csv('family,sku,share', 'F1,b-sku,0.5', 'F1,B-SKU,0.5', 'F2,a-sku,1'),
    'inventory.csv': csv('item,loc,qty', 'a-sku,WH1,10'),
    'open_po.csv': csv('item,due,qty,po_id', 'A-PO,2025-02,7,P1'),
    'item.csv': csv('item,lt,lot,moq', 'a-sku,7,1,0', 'b-sku,7,1,0', 'B-SKU,7,1,0', 'A-PO,7,1,0'),
  })
  const plan = await getSql().withConnection(async (conn) => {
    const revision = await resolveRevisionOrThrow(conn, parseInputSetRef('rc-order'))
    return computeRoughCut(conn, revision.revisionId)
  })
  assert.deepEqual(
    plan.items.map((r) => `${r.item} ${r.period}`),
    ['A-PO', 'B-SKU', 'a-sku', 'b-sku'].flatMap((item) => ['2025-01', '2025-02', '2025-03'].map((p) => `${item} ${p}`)),
  )
  // A-PO has no demand and no stock: its receipt is its inventory from 2025-02 on.
  assert.deepEqual(
    plan.items.filter((r) => r.item === 'A-PO').map((r) => [r.demand, r.receipts, r.inventory]),
    [
      [0, 0, 0],
      [0, 7, 7],
      [0, 0, 7],
    ],
  )
  // a-sku = F2 (80, 40, –) against 10 in stock.
  assert.deepEqual(
    plan.items.filter((r) => r.item === 'a-sku').map((r) => r.inventory),
    [-70, -110, -110],
  )
  assert.equal(plan.summary.items_short, 3)
})
