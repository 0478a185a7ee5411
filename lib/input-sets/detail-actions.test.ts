// The detail page's actions: each offered only when it makes sense for the viewer.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { detailActions, type DetailActionInput } from './detail-actions'

const base: DetailActionInput = { status: 'ready', draftNumber: null, revisionCount: 1, mayUpload: false, mayReview: false, mayPlan: false }

test('a viewer of a single ready revision may only export it', () => {
  assert.deepEqual(detailActions(base), ['export'])
})

test('an approver of a ready revision with a pending draft gets every action, in page order', () => {
  assert.deepEqual(detailActions({ ...base, draftNumber: 2, revisionCount: 2, mayUpload: true, mayReview: true, mayPlan: true }), [
    'upload',
    'review',
    'create_plan',
    'diff',
    'export',
  ])
})

test('an editor may upload and plan but is not offered the review of a draft', () => {
  assert.deepEqual(detailActions({ ...base, draftNumber: 2, revisionCount: 2, mayUpload: true, mayPlan: true }), ['upload', 'create_plan', 'diff', 'export'])
})

test('plans are made from ready revisions only: a draft, superseded or archived revision offers no Create plan', () => {
  for (const status of ['draft', 'superseded', 'archived'] as const) {
    assert.ok(!detailActions({ ...base, status, mayPlan: true }).includes('create_plan'), status)
  }
})
