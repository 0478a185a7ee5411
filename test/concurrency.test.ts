// Races across two `next start` processes on one database (docs/revisions.md, docs/operations.md):
// 100 simultaneous review calls make exactly one state change per legal transition, each with
// exactly one event and none lost; simultaneous uploads of a new label get distinct revision
// numbers 1..N, one draft, and no upload is lost; two people uploading at once do not replace each
// other's draft.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, uploadForm, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, validFiles } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { count } from './helpers/input-sets'
import { startServer } from './helpers/server'
import { cliActor } from '../lib/input-sets/actor'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const servers = await Promise.all([startServer(), startServer()])
const users = await usersWithTokens()
const approver = bearer(users.approver.token)
const editor = bearer(users.editor.token)

const events = (label: string, action: string) =>
  count(`SELECT COUNT(*) AS n FROM audit_event e JOIN input_set s ON s.id = e.input_set_id WHERE s.label = ? AND e.action = ?`, [label, `input_set.${action}`])

function review(i: number, label: string, action: string) {
  return call(servers[i % 2], 'POST', `/api/plans/input_sets/${label}/review`, {
    headers: approver,
    json: { action, comment: `call ${i}` },
  })
}

test(`${on} 100 simultaneous approvals of one draft: one 200, 99 × 409, one approve event`, async () => {
  await runImport(memoryBundle(validFiles()), { label: 'contested', actor: cliActor('planner') })
  const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => review(i, 'contested@1', 'approve')))
  const statuses = replies.map((r) => r.status)
  assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses))
  assert.equal(statuses.filter((s) => s === 409).length, 99)
  assert.equal(await events('contested', 'approve'), 1)
  assert.equal(await count(`SELECT COUNT(*) AS n FROM input_set_revision WHERE status = 'ready'`), 1)
})

test(`${on} 100 simultaneous approve/revert calls: every 200 is one transition with one event, the final status follows the last`, async () => {
  await runImport(memoryBundle(validFiles()), { label: 'flipflop', actor: cliActor('planner') })
  const before = { approve: await events('flipflop', 'approve'), revert: await events('flipflop', 'revert') }
  const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => review(i, 'flipflop@1', i % 2 ? 'revert' : 'approve')))
  assert.ok(
    replies.every((r) => r.status === 200 || r.status === 409),
    JSON.stringify(replies.map((r) => r.status)),
  )
  const ok = replies.filter((r) => r.status === 200)
  const approvals = ok.filter((r) => r.body.action === 'approve').length
  const reverts = ok.filter((r) => r.body.action === 'revert').length
  assert.ok(approvals >= 1)
  assert.equal((await events('flipflop', 'approve')) - before.approve, approvals)
  assert.equal((await events('flipflop', 'revert')) - before.revert, reverts)
  // Transitions alternate from draft: approve, revert, approve …; so approvals = reverts or reverts + 1.
  assert.ok(approvals === reverts || approvals === reverts + 1, `${approvals} approvals, ${reverts} reverts`)
  const status = await count(
    `SELECT CASE WHEN status = 'ready' THEN 1 ELSE 0 END AS n FROM input_set_revision r JOIN input_set s ON s.id = r.input_set_id WHERE s.label = 'flipflop'`,
  )
  assert.equal(status, approvals > reverts ? 1 : 0)
})

test(`${on} 10 simultaneous uploads of a new label: revisions 1..10, one draft, one upload event each`, async () => {
  const files = validFiles()
  const replies = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      call(servers[i % 2], 'POST', '/api/plans/input_sets', {
        headers: editor,
        form: uploadForm({ label: 'racing', config_version_id: '1', comment: `upload ${i}` }, files),
      }),
    ),
  )
  assert.deepEqual(
    replies.map((r) => r.status),
    Array(10).fill(201),
    JSON.stringify(replies.map((r) => r.body)),
  )
  const numbers = replies.map((r) => r.body.input_set.revision).sort((a, b) => a - b)
  assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  assert.equal(
    await count(`SELECT COUNT(*) AS n FROM input_set_revision r JOIN input_set s ON s.id = r.input_set_id WHERE s.label = 'racing' AND r.status = 'draft'`),
    1,
  )
  assert.equal(await count(`SELECT COUNT(*) AS n FROM input_set WHERE label = 'racing'`), 1)
  assert.equal(await events('racing', 'upload'), 10)
})

test(`${on} two people uploading a new label at once: one draft is created, the other upload is refused with draft_pending naming its uploader`, async () => {
  const files = validFiles()
  const people = [users.editor, users.approver, users.editor, users.approver]
  const replies = await Promise.all(
    people.map((who, i) =>
      call(servers[i % 2], 'POST', '/api/plans/input_sets', {
        headers: bearer(who.token),
        form: uploadForm({ label: 'two-uploaders', config_version_id: '1' }, files),
      }),
    ),
  )
  // The check runs under the label's lock in the import's transaction: whoever commits first owns
  // the draft; the other person's uploads see it and are refused, their own replace it.
  const created = replies.filter((r) => r.status === 201)
  const refused = replies.filter((r) => r.status === 409)
  assert.equal(created.length + refused.length, 4, JSON.stringify(replies.map((r) => r.body)))
  assert.equal(refused.length, 2)
  const first = people[replies.findIndex((r) => r.status === 201)]
  assert.ok(people.every((p, i) => (replies[i].status === 201) === (p === first)))
  for (const r of refused) {
    assert.equal(r.body.error.code, 'draft_pending')
    assert.equal(r.body.error.details.uploaded_by, first.email)
  }
  assert.equal(await events('two-uploaders', 'upload'), 2)
})
