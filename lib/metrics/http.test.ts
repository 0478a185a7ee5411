// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { routePattern, statusClass } from './http'

test('routePattern puts each param back as its [name], so labels and revisions never become label values', () => {
  assert.equal(routePattern('/api/plans/input_sets/w1/review', { label: 'w1' }), '/api/plans/input_sets/[label]/review')
  assert.equal(
    routePattern('/api/plans/input_sets/w1@3/rows/demand_family', { label: 'w1@3', section: 'demand_family' }),
    '/api/plans/input_sets/[label]/rows/[section]',
  )
  assert.equal(routePattern('/api/plans/input_sets', {}), '/api/plans/input_sets')
  assert.equal(routePattern('/api/plans/input_sets', undefined), '/api/plans/input_sets', 'Next passes no params to static routes')
})

test('routePattern compares decoded segments, as Next decodes params', () => {
  assert.equal(routePattern('/api/plans/input_sets/w1%40draft/events', { label: 'w1@draft' }), '/api/plans/input_sets/[label]/events')
  assert.equal(routePattern('/api/plans/input_sets/100%/events', { label: '100%' }), '/api/plans/input_sets/[label]/events')
})

test('routePattern names catch-all params [...name] and skips absent optional ones', () => {
  assert.equal(routePattern('/api/files/a/b/c', { path: ['a', 'b', 'c'] }), '/api/files/[...path]')
  assert.equal(routePattern('/api/files', { path: undefined }), '/api/files')
  assert.equal(routePattern('/api/files', { path: [] }), '/api/files')
})

test('routePattern reports a path whose params it cannot place as other, never the raw path', () => {
  assert.equal(routePattern('/api/plans/input_sets/w1/review', { label: 'w2' }), 'other')
  assert.equal(routePattern('/api/files/a/b', { path: ['a', 'c'] }), 'other')
})

test('statusClass keeps the status label to a handful of values', () => {
  assert.deepEqual([200, 201, 401, 422, 500].map(statusClass), ['2xx', '2xx', '4xx', '4xx', '5xx'])
})
