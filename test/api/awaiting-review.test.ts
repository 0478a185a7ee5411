// Awaiting review and no silent replacement, over HTTP against `next start`: the list's
// awaiting_review filter and count (a draft beside a ready revision included), each pending draft's
// uploader, age and whether the viewer may approve it; an upload over a colleague's pending draft
// refused with 409 draft_pending unless replace_draft (form field or query), one's own replaced freely.
import { reader } from '../helpers/access'
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, signIn, uploadForm, usersWithTokens, type Loose } from '../helpers/api'
import { memoryBundle, runImport, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { cliActor } from '../../lib/input-sets/actor'
import { listEvents } from '../../lib/input-sets/queries/events'
import type { InputSetPage, InputSetSummary } from '../../lib/input-sets/queries/list'
import { reviewInputSet } from '../../lib/input-sets/verbs/review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
const as = (role: keyof typeof users) => bearer(users[role].token)

const upload = (fields: Record<string, string>, headers: Record<string, string>, query = '') =>
  call(server, 'POST', `/api/plans/input_sets${query}`, { headers, form: uploadForm({ config_version_id: '1', ...fields }, validFiles()) })
const list = (query: string, role: keyof typeof users = 'approver') => call<InputSetPage>(server, 'GET', `/api/plans/input_sets${query}`, { headers: as(role) })
const byLabel = (page: InputSetPage) => Object.fromEntries(page.data.map((s) => [s.label, s])) as Record<string, InputSetSummary>

// ready-with-draft: r1 ready, r2 a draft by the approver · draft-only: r1 a draft by the editor · ready-only: nothing waits.
await runImport(memoryBundle(validFiles()), { label: 'ready-with-draft', actor: cliActor('planner') })
await reviewInputSet({ ref: 'ready-with-draft', action: 'approve', actor: cliActor('reviewer') })
assert.equal((await upload({ label: 'ready-with-draft' }, as('approver'))).status, 201)
assert.equal((await upload({ label: 'draft-only' }, as('editor'))).status, 201)
await runImport(memoryBundle(validFiles()), { label: 'ready-only', actor: cliActor('planner') })
await reviewInputSet({ ref: 'ready-only', action: 'approve', actor: cliActor('reviewer') })

test(`${on} awaiting_review=true lists every set with a pending draft, whatever its ready revision, with uploader and age`, async () => {
  const r = await list('?awaiting_review=true')
  assert.equal(r.status, 200)
  assert.deepEqual(
    r.body.data.map((s) => s.label),
    ['draft-only', 'ready-with-draft'],
  )
  assert.equal(r.body.total, 2)
  const sets = byLabel(r.body)
  const beside = sets['ready-with-draft']
  assert.deepEqual([beside.status, beside.revision, beside.draft_revision], ['ready', 1, 2])
  assert.deepEqual([beside.pending_draft?.revision, beside.pending_draft?.uploaded_by], [2, users.approver.email])
  assert.ok(beside.pending_draft!.age_seconds >= 0 && beside.pending_draft!.age_seconds < 600, `age ${beside.pending_draft!.age_seconds}`)
  assert.ok(Date.now() - Date.parse(beside.pending_draft!.uploaded_at) < 600_000)
  const alone = sets['draft-only']
  assert.deepEqual(
    [alone.status, alone.revision, alone.draft_revision, alone.pending_draft?.revision, alone.pending_draft?.uploaded_by],
    ['draft', 1, null, 1, users.editor.email],
  )
})

test(`${on} status_counts.awaiting_review counts drafts beside a ready revision too; the other filters narrow it`, async () => {
  const all = await list('')
  assert.deepEqual(all.body.status_counts, { draft: 1, ready: 2, superseded: 0, archived: 0, awaiting_review: 2 })
  assert.equal(all.body.total, 3)
  assert.equal(byLabel(all.body)['ready-only'].pending_draft, null)
  // The draft chip's "0 drafts" problem: a ready label's draft is found with awaiting_review, also combined with status.
  const readyAwaiting = await list('?awaiting_review=true&status=ready')
  assert.deepEqual([readyAwaiting.body.data.map((s) => s.label), readyAwaiting.body.total], [['ready-with-draft'], 1])
  const searched = await list('?awaiting_review=true&q=only')
  assert.deepEqual([searched.body.data.map((s) => s.label), searched.body.status_counts.awaiting_review], [['draft-only'], 1])
  assert.equal((await list('?awaiting_review=false')).body.total, 3, 'false means no filter')
  const bad = await list('?awaiting_review=maybe')
  assert.equal(bad.status, 400)
  assert.equal((bad.body as Loose).error.details.field, 'awaiting_review')
})

test(`${on} waiting_for_you: the viewer may approve it — an approver or admin, and (four-eyes) not its uploader`, async () => {
  const waiting = async (role: keyof typeof users) =>
    Object.fromEntries((await list('?awaiting_review=true', role)).body.data.map((s) => [s.label, s.pending_draft?.waiting_for_you]))
  assert.deepEqual(await waiting('approver'), { 'draft-only': true, 'ready-with-draft': false }, 'the approver uploaded ready-with-draft')
  assert.deepEqual(await waiting('admin'), { 'draft-only': true, 'ready-with-draft': true })
  assert.deepEqual(await waiting('editor'), { 'draft-only': false, 'ready-with-draft': false }, 'an editor may not approve')
  assert.deepEqual(await waiting('viewer'), { 'draft-only': false, 'ready-with-draft': false })
})

test(`${on} an upload over a colleague's pending draft is 409 draft_pending naming the uploader and revision; nothing is written`, async () => {
  assert.equal((await upload({ label: 'shared' }, as('editor'))).status, 201)
  const refused = await upload({ label: 'shared', comment: 'mine now' }, as('approver'))
  assert.equal(refused.status, 409)
  assert.equal(refused.body.error.code, 'draft_pending')
  assert.match(refused.body.error.message, new RegExp(`pending draft r1 uploaded by ${users.editor.email}.*replace_draft=true`))
  assert.deepEqual(refused.body.error.details, { label: 'shared', revision: 1, uploaded_by: users.editor.email })
  assert.equal((await call(server, 'GET', '/api/plans/input_sets/shared@2', { headers: as('viewer') })).status, 404)
  assert.deepEqual(
    (await listEvents(reader, 'shared')).events.map((e) => e.action),
    ['upload'],
  )
  // Validating writes nothing, so it is not refused.
  assert.equal((await upload({ label: 'shared', validate_only: 'true' }, as('approver'))).status, 200)
})

test(`${on} replacing one's own draft needs nothing, also from a session when the draft came through a token`, async () => {
  const own = await upload({ label: 'shared' }, as('editor'))
  assert.equal(own.status, 201)
  assert.equal(own.body.input_set.revision, 2)
  const cookie = await signIn(server, users.editor.email)
  const viaSession = await upload({ label: 'shared' }, { cookie, origin: server.url })
  assert.equal(viaSession.status, 201, JSON.stringify(viaSession.body))
  assert.equal(viaSession.body.input_set.revision, 3)
  const event = (await listEvents(reader, 'shared')).events[0]
  assert.deepEqual(event.metadata?.replaced_draft, { revision: 2, uploaded_by: users.editor.email })
})

test(`${on} replace_draft=true (form field or query) supersedes a colleague's draft; the event names whose draft it was`, async () => {
  const field = await upload({ label: 'shared', replace_draft: 'true', comment: 'JIRA-8 takes over' }, as('approver'))
  assert.equal(field.status, 201, JSON.stringify(field.body))
  assert.equal(field.body.input_set.revision, 4)
  let event = (await listEvents(reader, 'shared')).events[0]
  assert.deepEqual([event.action, event.actor, event.comment], ['upload', users.approver.email, 'JIRA-8 takes over'])
  assert.deepEqual(event.metadata?.replaced_draft, { revision: 3, uploaded_by: users.editor.email })
  assert.deepEqual(event.metadata?.superseded_drafts, [3])
  const r3 = await call(server, 'GET', '/api/plans/input_sets/shared@3', { headers: as('viewer') })
  assert.equal(r3.body.revision.status, 'superseded')

  const query = await upload({ label: 'shared' }, as('admin'), '?replace_draft=true')
  assert.equal(query.status, 201, JSON.stringify(query.body))
  event = (await listEvents(reader, 'shared')).events[0]
  assert.deepEqual(event.metadata?.replaced_draft, { revision: 4, uploaded_by: users.approver.email })
  assert.equal((await upload({ label: 'shared', replace_draft: 'perhaps' }, as('approver'))).body.error.details.field, 'replace_draft')
})
