// POST /api/plans/input_sets/{label}/events over HTTP against `next start`: a manual event needs
// input_sets:review, its actor is the caller, it is marked manual and changes no status; state or
// unknown actions and bad metadata are 400 naming the field. GET …/events also takes `label@N`.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reader } from '../helpers/access'
import { bearer, call, usersWithTokens } from '../helpers/api'
import { memoryBundle, runImport, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { getSql } from '../../lib/db/sql'
import { cliActor } from '../../lib/input-sets/actor'
import { listEvents } from '../../lib/input-sets/queries/events'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
await runImport(memoryBundle(validFiles()), { label: 'me', actor: cliActor('planner') })

const post = (path: string, json: unknown, who = users.approver) =>
  call(server, 'POST', `/api/plans/input_sets/${path}/events`, { headers: bearer(who.token), json })
const eventCount = async () =>
  Number(
    (
      await getSql().withConnection((conn) =>
        conn.db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      )
    ).n,
  )
const statusOfDraft = () =>
  getSql().withConnection((conn) => conn.db.selectFrom('input_set_revision').select(['status', 'approved_by']).where('number', '=', 1).executeTakeFirstOrThrow())

test(`${on} POST …/events appends a manual note as the caller (201), marked manual; no status changes`, async () => {
  const before = await statusOfDraft()
  const r = await post('me@1', { action: 'note', comment: 'Checked with the plant, OPS-3', metadata: { ticket: 'OPS-3' } })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.deepEqual(
    [r.body.label, r.body.event.action, r.body.event.type, r.body.event.actor, r.body.event.actor_kind, r.body.event.revision, r.body.event.metadata],
    ['me', 'note', 'input_set.note', users.approver.email, 'token', 1, { ticket: 'OPS-3', manual: true }],
  )
  assert.deepEqual(await statusOfDraft(), before)
  const [newest] = (await listEvents(reader, 'me', 1)).events
  assert.deepEqual(newest, r.body.event)
  const got = await call(server, 'GET', '/api/plans/input_sets/me/events?limit=1', { headers: bearer(users.viewer.token) })
  assert.deepEqual(got.body.events[0], r.body.event, 'the GET shows it as POST answered')
})

test(`${on} POST …/events: the actor is never a body field; state, unknown actions and bad metadata are 400 naming the field`, async () => {
  const before = await eventCount()
  const cases: [unknown, string, RegExp][] = [
    [{ action: 'note', comment: 'c', actor: 'someone-else' }, 'actor', /actor/],
    [{ action: 'approve', comment: 'c' }, 'action', /changes or comes with a change of state/],
    [{ action: 'upload', comment: 'c' }, 'action', /changes or comes with a change of state/],
    [{ action: 'bless', comment: 'c' }, 'action', /Unknown action 'bless'/],
    [{ action: 'note' }, 'comment', /needs a comment/],
    [{ action: 'note', comment: 'c', metadata: [1] }, 'metadata', /metadata must be a JSON object/],
    [{ action: 'note', comment: 'c', metadata: 'x' }, 'metadata', /metadata must be a JSON object/],
    [{ action: 'note', comment: 'c', metadata: { manual: false } }, 'metadata', /metadata\.manual is set by the system/],
    [{ action: 'note', comment: 'c', metadata: { blob: 'x'.repeat(20000) } }, 'metadata', /at most 16384 bytes/],
    [{ action: 'note', comment: 'c', revision: 0 }, 'revision', /revision/],
  ]
  for (const [body, field, message] of cases) {
    const r = await post('me', body)
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(r.body).slice(0, 300)}`)
    assert.match(JSON.stringify(r.body.error), new RegExp(field))
    assert.match(r.body.error.message, message)
  }
  const conflicting = await post('me@1', { action: 'note', comment: 'c', revision: 2 })
  assert.equal(conflicting.status, 400)
  assert.match(conflicting.body.error.message, /me@1 and revision 2 name different revisions/)
  assert.equal((await post('me', { action: 'record_approval', comment: 'by email' })).status, 409, 'the only revision is a draft')
  assert.equal((await post('nope', { action: 'note', comment: 'c' })).status, 404)
  assert.equal((await post('me@5', { action: 'note', comment: 'c' })).status, 404)
  assert.equal(await eventCount(), before, 'nothing was written')
})

test(`${on} POST …/events needs input_sets:review: a viewer and an editor are 403`, async () => {
  for (const who of [users.viewer, users.editor]) {
    const r = await post('me', { action: 'note', comment: 'c' }, who)
    assert.equal(r.status, 403, JSON.stringify(r.body))
  }
})

test(`${on} GET …/events with label@N or label@draft: the label's history, the revision named in ref`, async () => {
  const viewer = bearer(users.viewer.token)
  const bare = await call(server, 'GET', '/api/plans/input_sets/me/events', { headers: viewer })
  assert.equal(bare.body.ref, undefined)
  const named = await call(server, 'GET', '/api/plans/input_sets/me@draft/events', { headers: viewer })
  assert.equal(named.status, 200, JSON.stringify(named.body))
  assert.deepEqual(named.body.ref, { text: 'me@draft', revision: 1 })
  assert.deepEqual(named.body.events, bare.body.events)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets/me@3/events', { headers: viewer })).status, 404)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets/me@x/events', { headers: viewer })).status, 400)
})
