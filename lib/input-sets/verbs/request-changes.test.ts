// Request changes (docs/revisions.md): a comment event on the pending draft, no status change,
// shown on the set's page while that draft is pending — on the database selected by TEST_DB.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reader } from '../../../test/helpers/access'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { REFERENCE } from '../../../test/helpers/fixtures'
import { alice, bob, count, importDir } from '../../../test/helpers/input-sets'
import { ConflictError, ForbiddenError, InvalidError } from '../../errors'
import { pendingChangeRequests } from '../queries/change-requests'
import { getInputSetDetail } from '../queries/detail'
import { listEvents } from '../queries/events'
import { requestChanges } from './request-changes'
import { reviewInputSet } from './review'

await useFreshDatabase()
const on = `[${dbLabel()}]`

test(`${on} a reviewer's request records one request_changes event on the draft; the status stays draft`, async () => {
  await importDir(REFERENCE.weekly, 'rc-a')
  const result = await requestChanges({ ref: 'rc-a', actor: bob, comment: 'JIRA-5 capacity of WC2 is missing' })
  assert.deepEqual([result.label, result.revision, result.action, result.status], ['rc-a', 1, 'request_changes', 'draft'])
  assert.equal((await getInputSetDetail(reader, 'rc-a@1')).revision.status, 'draft')
  const [event] = (await listEvents(reader, 'rc-a', 1)).events
  assert.deepEqual(
    [event.id, event.action, event.type, event.actor, event.comment, event.revision],
    [result.event_id, 'request_changes', 'input_set.request_changes', 'bob', 'JIRA-5 capacity of WC2 is missing', 1],
  )
  const [shown] = await pendingChangeRequests(reader, 'rc-a')
  assert.deepEqual([shown.revision, shown.actor, shown.comment], [1, 'bob', 'JIRA-5 capacity of WC2 is missing'])
})

test(`${on} refused without a comment (field comment), by the uploader, and on a revision that is not a draft; nothing is written`, async () => {
  const before = await count('SELECT COUNT(*) AS n FROM audit_event')
  for (const comment of [undefined, '', '   ']) {
    await assert.rejects(requestChanges({ ref: 'rc-a', actor: bob, comment }), (err: unknown) => {
      assert.ok(err instanceof InvalidError)
      assert.deepEqual(err.details, { field: 'comment' })
      return true
    })
  }
  await assert.rejects(requestChanges({ ref: 'rc-a', actor: alice, comment: 'to myself' }), ForbiddenError)
  await reviewInputSet({ ref: 'rc-a', action: 'approve', actor: bob, comment: 'JIRA-5 approve by bob' })
  await assert.rejects(requestChanges({ ref: 'rc-a@1', actor: bob, comment: 'too late' }), (err: unknown) => {
    assert.ok(err instanceof ConflictError)
    assert.equal(err.code, 'illegal_transition')
    assert.match(err.message, /its status is ready; changes are requested on a draft only/)
    return true
  })
  // The approval is the only new event.
  assert.equal(await count('SELECT COUNT(*) AS n FROM audit_event'), before + 1)
  assert.deepEqual(await pendingChangeRequests(reader, 'rc-a'), [])
})

test(`${on} requests on a draft replaced by a new upload are history only: the page shows those on the pending draft`, async () => {
  await importDir(REFERENCE.weekly, 'rc-b')
  await requestChanges({ ref: 'rc-b@draft', actor: bob, comment: 'first look' })
  await importDir(REFERENCE.planning, 'rc-b')
  assert.deepEqual(await pendingChangeRequests(reader, 'rc-b'), [])
  await requestChanges({ ref: 'rc-b', actor: bob, comment: 'second look' })
  await requestChanges({ ref: 'rc-b', actor: bob, comment: 'third look' })
  assert.deepEqual(
    (await pendingChangeRequests(reader, 'rc-b')).map((r) => [r.revision, r.comment]),
    [
      [2, 'third look'],
      [2, 'second look'],
    ],
  )
  assert.deepEqual(
    (await listEvents(reader, 'rc-b')).events.filter((e) => e.action === 'request_changes').map((e) => e.comment),
    ['third look', 'second look', 'first look'],
  )
})
