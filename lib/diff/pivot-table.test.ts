// The diff page's family × period table: demand and capacity cells in one list, filtered by
// measure and by text, sorted by any column in either direction with stable ties, and paged.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { pivotTablePage, type PivotQuery } from './pivot-table'

const pivots = {
  demand: [
    { family: 'F1', period: '2025-01', previous: 100, current: 90, delta: -10 },
    { family: 'F1', period: '2025-02', previous: 120, current: 140, delta: 20 },
    { family: 'F3', period: '2025-01', previous: 0, current: 50, delta: 50 },
  ],
  capacity: [{ workcenter: 'WC1', period: '2025-02', previous: 500, current: 450, delta: -50 }],
}

const page = (o: Partial<PivotQuery>) => pivotTablePage(pivots, { sort: 'key', desc: false, page: 1, pageSize: 50, ...o })
const keys = (o: Partial<PivotQuery>) => page(o).data.map((c) => `${c.key} ${c.period}`)

test('every cell of both pivots, demand and capacity, with its relative change (null where the reference was 0)', () => {
  const all = page({})
  assert.equal(all.total, 4)
  assert.deepEqual(all.data[0], { measure: 'demand', key: 'F1', period: '2025-01', previous: 100, current: 90, delta: -10, relative: -0.1 })
  assert.equal(all.data.find((c) => c.key === 'F3')?.relative, null)
})

test('sorts by a number column either way; ties keep measure, key, period order', () => {
  assert.deepEqual(keys({ sort: 'delta' }), ['WC1 2025-02', 'F1 2025-01', 'F1 2025-02', 'F3 2025-01'])
  assert.deepEqual(keys({ sort: 'delta', desc: true }), ['F3 2025-01', 'F1 2025-02', 'F1 2025-01', 'WC1 2025-02'])
  assert.deepEqual(keys({ sort: 'period', desc: true }), ['F1 2025-02', 'WC1 2025-02', 'F1 2025-01', 'F3 2025-01'])
})

test('a cell without a relative change sorts last in both directions', () => {
  assert.equal(keys({ sort: 'relative' }).at(-1), 'F3 2025-01')
  assert.equal(keys({ sort: 'relative', desc: true }).at(-1), 'F3 2025-01')
})

test('filters by measure and by part of the key or period, any case; pages the result', () => {
  assert.deepEqual(keys({ measure: 'capacity' }), ['WC1 2025-02'])
  assert.deepEqual(keys({ q: 'f1' }), ['F1 2025-01', 'F1 2025-02'])
  assert.deepEqual(keys({ q: '2025-02', measure: 'demand' }), ['F1 2025-02'])
  const second = page({ pageSize: 3, page: 2 })
  assert.deepEqual([second.total, second.data.length, second.data[0].key], [4, 1, 'WC1'])
})
