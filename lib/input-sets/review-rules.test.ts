// The one review rule behind the page's offers, the portal action, REST and the CLI.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { commentRequired, missingCommentMessage, reviewOffers, reviewRefusal, type ReviewViewer } from './review-rules'

const approver: ReviewViewer = { mayReview: true, role: 'approver', uploadedIt: false, fourEyes: true }

test('a draft offers approve, request changes and archive to another approver', () => {
  assert.deepEqual(reviewOffers('draft', approver), [
    { action: 'approve', refusal: null },
    { action: 'request_changes', refusal: null },
    { action: 'archive', refusal: null },
  ])
})

test('four-eyes: the uploader is refused approve with the reason, archive stays offered; off when FOUR_EYES is off', () => {
  const uploader = { ...approver, uploadedIt: true }
  const [approve, requestChanges, archive] = reviewOffers('draft', uploader)
  assert.deepEqual(approve.refusal, { code: 'four_eyes', reason: 'you uploaded this draft; under the four-eyes rule another approver must approve it' })
  assert.deepEqual(requestChanges.refusal, { code: 'forbidden', reason: 'you uploaded this draft; a reviewer requests changes from its uploader' })
  assert.equal(archive.refusal, null)
  assert.equal(reviewRefusal('approve', 'draft', { ...uploader, fourEyes: false }), null)
})

test('a role below approver is refused every action, naming the role', () => {
  const offers = reviewOffers('ready', { ...approver, mayReview: false, role: 'editor' })
  assert.deepEqual(
    offers.map((o) => [o.action, o.refusal?.code]),
    [
      ['approve', 'forbidden'],
      ['revert', 'forbidden'],
      ['archive', 'forbidden'],
    ],
  )
  assert.match(offers[1].refusal!.reason, /needs the approver role; you are editor/)
})

test('a ready revision has nothing to approve; the status allows revert and archive', () => {
  const offers = reviewOffers('ready', approver)
  assert.deepEqual(offers[0], {
    action: 'approve',
    refusal: { code: 'illegal_transition', reason: 'there is nothing to approve — its status is ready; only a draft can be approved' },
  })
  assert.deepEqual(
    offers.slice(1).map((o) => [o.action, o.refusal]),
    [
      ['revert', null],
      ['archive', null],
    ],
  )
})

test('request changes, revert and archive always need a comment; approve only when configured; blank counts as missing', () => {
  assert.deepEqual(
    (['approve', 'request_changes', 'revert', 'archive', 'restore'] as const).map((a) => [commentRequired(a, false), commentRequired(a, true)]),
    [
      [false, true],
      [true, true],
      [true, true],
      [true, true],
      [false, false],
    ],
  )
  assert.match(missingCommentMessage('revert', '  ', false)!, /A comment is required to revert/)
  assert.equal(missingCommentMessage('revert', 'JIRA-1 wrong week', false), null)
  assert.equal(missingCommentMessage('approve', null, false), null)
  assert.match(missingCommentMessage('approve', null, true)!, /A comment is required to approve/)
})
