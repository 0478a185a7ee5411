// Revisions and review verbs (docs/revisions.md): resolution, inheritance, four-eyes,
// transitions, races, events — on the database selected by TEST_DB.
import { reader } from '../../../test/helpers/access'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { REFERENCE, variantOf } from '../../../test/helpers/fixtures'
import { alice, bob, count, importDir } from '../../../test/helpers/input-sets'
import { getSql } from '../../db/sql'
import { resetEnvCache } from '../../env'
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors'
import { cliActor } from '../actor'
import { parseInputSetRef } from '../labels'
import { getInputSetDetail } from '../queries/detail'
import { listEvents } from '../queries/events'
import { listInputSets } from '../queries/list'
import { resolveRevisionOrThrow } from '../store/resolve'
import { exportInputSet } from './export'
import { reviewInputSet } from './review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const resolve = (ref: string) => getSql().withConnection((c) => resolveRevisionOrThrow(c, parseInputSetRef(ref)))
const carol = cliActor('carol')

test(`${on} labels with path characters or a reserved suffix are refused before anything is written`, async () => {
  for (const label of ['../x', 'a/b', 'x@draft', '', '-lead', 'a b', 'x'.repeat(129)]) {
    await assert.rejects(importDir(REFERENCE.planning, label), InvalidError, label)
  }
  assert.equal(await count('SELECT COUNT(*) AS n FROM input_set'), 0)
})

test(`${on} an upload creates draft revision 1 with an upload event by the actor`, async () => {
  const { report } = await importDir(REFERENCE.planning, 'life-a', { comment: 'first cut' })
  assert.equal(report.ok, true)
  assert.equal(report.revision, 1)
  const rev = await resolve('life-a')
  assert.equal(rev.status, 'draft')
  assert.equal(rev.contentHash, report.content_hash)
  const { events } = await listEvents(reader, 'life-a')
  assert.deepEqual(
    events.map((e) => [e.action, e.actor, e.comment, e.revision]),
    [['upload', 'alice', 'first cut', 1]],
  )
})

test(`${on} four-eyes: the uploader cannot approve; another approver can, and the approval records the hash`, async () => {
  await assert.rejects(reviewInputSet({ ref: 'life-a', action: 'approve', actor: alice }), ForbiddenError)
  assert.equal((await resolve('life-a')).status, 'draft')
  const result = await reviewInputSet({ ref: 'life-a', action: 'approve', actor: bob, comment: 'JIRA-1 approve by bob' })
  assert.deepEqual([result.previous_status, result.status, result.revision], ['draft', 'ready', 1])
  const row = await getSql().withConnection((c) =>
    c.get<Record<string, unknown>>(
      'SELECT approved_by, approved_hash, content_hash, review_comment FROM input_set_revision WHERE number = 1 AND input_set_id = (SELECT id FROM input_set WHERE label = ?)',
      ['life-a'],
    ),
  )
  assert.equal(row?.approved_by, 'bob')
  assert.equal(row?.approved_hash, row?.content_hash)
  assert.equal(row?.review_comment, 'JIRA-1 approve by bob')
})

test(`${on} four-eyes can be switched off by configuration`, async () => {
  await importDir(REFERENCE.weekly, 'solo')
  process.env.FOUR_EYES = 'false'
  resetEnvCache()
  try {
    const r = await reviewInputSet({ ref: 'solo', action: 'approve', actor: alice })
    assert.equal(r.status, 'ready')
  } finally {
    delete process.env.FOUR_EYES
    resetEnvCache()
  }
})

test(`${on} a new upload to a ready label is a draft; label resolves to ready, label@draft to the draft, label@N exactly`, async () => {
  const changed = variantOf(REFERENCE.planning, { 'demand_family.csv': 'family,period,demand\nF1,2025-01,999\n' })
  const { report } = await importDir(changed, 'life-a')
  assert.equal(report.revision, 2)
  assert.deepEqual((await resolve('life-a')).number, 1)
  assert.deepEqual((await resolve('life-a@draft')).number, 2)
  assert.deepEqual((await resolve('life-a@1')).status, 'ready')
  await assert.rejects(resolve('life-a@7'), NotFoundError)
})

test(`${on} absent sections are inherited from the current revision and listed; --no-inherit leaves them empty`, async () => {
  const onlyDemand = variantOf(REFERENCE.planning, {})
  const { report } = await importDir(onlyDemandDir(onlyDemand), 'life-a')
  assert.equal(report.ok, true)
  assert.equal(report.revision, 3)
  const inherited = report.inherited.map((i) => i.section).sort()
  assert.deepEqual(inherited, [
    'bom',
    'capacity',
    'inventory',
    'item',
    'mix_share',
    'open_po',
    'period_cost',
    'period_score',
    'planning_calendar',
    'planning_params',
  ])
  assert.ok(report.inherited.every((i) => i.from_revision === 1))
  const rev1 = await resolve('life-a@1')
  const rev3 = await resolve('life-a@3')
  assert.equal(rev3.contentHash, rev1.contentHash, 'same demand + inherited rest = same content')
  assert.equal(await count('SELECT COUNT(*) AS n FROM capacity_row WHERE revision_id = ?', [rev3.revisionId]), 12)
  assert.equal(await count('SELECT COUNT(*) AS n FROM calendar_week WHERE revision_id = ?', [rev3.revisionId]), 62)

  const bare = await importDir(onlyDemandDir(onlyDemand), 'life-a', { inherit: false })
  assert.deepEqual(bare.report.inherited, [])
  const rev4 = await resolve('life-a@4')
  assert.equal(await count('SELECT COUNT(*) AS n FROM capacity_row WHERE revision_id = ?', [rev4.revisionId]), 0)
})

test(`${on} a label has at most one pending draft: each new upload supersedes the previous one, which stays readable`, async () => {
  const statuses = await revisionStatuses('life-a')
  assert.deepEqual(statuses, { 1: 'ready', 2: 'superseded', 3: 'superseded', 4: 'draft' })
  const { events } = await listEvents(reader, 'life-a')
  assert.deepEqual(events[0].metadata?.superseded_drafts, [3])
})

test(`${on} approving a draft supersedes the previous ready revision; it stays addressable as label@N`, async () => {
  await reviewInputSet({ ref: 'life-a', action: 'approve', actor: bob })
  assert.deepEqual(await revisionStatuses('life-a'), { 1: 'superseded', 2: 'superseded', 3: 'superseded', 4: 'ready' })
  assert.equal((await resolve('life-a')).number, 4)
  assert.equal((await resolve('life-a@1')).status, 'superseded')
})

test(`${on} illegal transitions are refused with a message naming the current status`, async () => {
  await assert.rejects(reviewInputSet({ ref: 'life-a@4', action: 'approve', actor: carol }), (err: unknown) => {
    assert.ok(err instanceof ConflictError)
    assert.match(err.message, /status is ready/)
    return true
  })
  await assert.rejects(reviewInputSet({ ref: 'life-a@4', action: 'restore', actor: carol }), /status is ready/)
  await assert.rejects(reviewInputSet({ ref: 'life-a@2', action: 'revert', actor: carol, comment: 'wrong week' }), /status is superseded/)
})

test(`${on} revert makes the ready revision a draft again and clears its approval`, async () => {
  const r = await reviewInputSet({ ref: 'life-a', action: 'revert', actor: carol, comment: 'wrong week' })
  assert.deepEqual([r.previous_status, r.status], ['ready', 'draft'])
  const rev = await resolve('life-a')
  assert.equal(rev.number, 4)
  assert.equal(rev.status, 'draft')
  const approval = await getSql().withConnection((c) =>
    c.get<Record<string, unknown>>('SELECT approved_by, approved_at, approved_hash FROM input_set_revision WHERE id = ?', [rev.revisionId]),
  )
  assert.deepEqual({ ...approval }, { approved_by: null, approved_at: null, approved_hash: null })
})

test(`${on} archive then restore: archived is read-only until restored to draft`, async () => {
  const archived = await reviewInputSet({ ref: 'life-a', action: 'archive', actor: carol, comment: 'retired' })
  assert.equal(archived.status, 'archived')
  await assert.rejects(reviewInputSet({ ref: 'life-a@4', action: 'approve', actor: carol }), /status is archived/)
  const restored = await reviewInputSet({ ref: 'life-a', action: 'restore', actor: carol })
  assert.deepEqual([restored.revision, restored.previous_status, restored.status], [4, 'archived', 'draft'])
})

test(`${on} forcing an archive needs a reason`, async () => {
  await assert.rejects(reviewInputSet({ ref: 'life-a', action: 'archive', actor: carol, force: true, comment: 'retired' }), (err: InvalidError) => {
    assert.deepEqual([err instanceof InvalidError, err.details], [true, { field: 'reason' }])
    return true
  })
})

test(`${on} every transition wrote exactly one event, newest first, with from/to status`, async () => {
  const { input_set, events } = await listEvents(reader, 'life-a', 500)
  assert.equal(input_set.label, 'life-a')
  assert.deepEqual(
    events.map((e) => e.action),
    ['restore', 'archive', 'revert', 'approve', 'upload', 'upload', 'upload', 'approve', 'upload'],
  )
  const archive = events.find((e) => e.action === 'archive')!
  assert.deepEqual([archive.metadata?.from_status, archive.metadata?.to_status, archive.actor, archive.comment], ['draft', 'archived', 'carol', 'retired'])
  assert.equal((await listEvents(reader, 'life-a', 2)).events.length, 2)
  await assert.rejects(listEvents(reader, 'life-a', 0), InvalidError)
  await assert.rejects(listEvents(reader, 'life-a', 501), InvalidError)
})

test(`${on} two concurrent approvals of one draft: exactly one wins, the other is refused, one event`, async () => {
  await importDir(REFERENCE.weekly, 'race')
  const before = await count(`SELECT COUNT(*) AS n FROM audit_event WHERE action = 'input_set.approve'`)
  const results = await Promise.allSettled([
    reviewInputSet({ ref: 'race', action: 'approve', actor: bob }),
    reviewInputSet({ ref: 'race', action: 'approve', actor: carol }),
  ])
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  assert.ok(lost.reason instanceof ConflictError, String(lost.reason))
  assert.equal(await count(`SELECT COUNT(*) AS n FROM audit_event WHERE action = 'input_set.approve'`), before + 1)
})

test(`${on} an unknown label names close labels and pending drafts`, async () => {
  await assert.rejects(resolve('life-b'), (err: unknown) => {
    assert.ok(err instanceof NotFoundError)
    assert.match(err.message, /^Input set 'life-b' not found\. Did you mean: .*life-a/)
    assert.match(err.message, /life-a@draft/)
    return true
  })
})

test(`${on} the list shows each label with its resolved revision, status and row count`, async () => {
  const sets = await listInputSets(reader)
  const life = sets.find((s) => s.label === 'life-a')!
  assert.deepEqual([life.status, life.revision, life.rows], ['draft', 4, 24])
  assert.deepEqual((await listInputSets(reader, { status: 'ready' })).map((s) => s.label).sort(), ['race', 'solo'])
  assert.deepEqual(
    (await listInputSets(reader, { q: 'sol' })).map((s) => s.label),
    ['solo'],
  )
})

test(`${on} an upload to a label of another config version is refused`, async () => {
  const { createConfigVersion } = await import('./config-versions')
  await createConfigVersion({ id: 2, name: 'other' })
  await assert.rejects(importDir(REFERENCE.planning, 'life-a', { configVersionId: 2 }), ConflictError)
  await assert.rejects(createConfigVersion({ id: 2, name: 'again' }), ConflictError)
})

function onlyDemandDir(copy: string): string {
  return variantOf(
    copy,
    Object.fromEntries(
      ['capacity.csv', 'mix_share.csv', 'inventory.csv', 'open_po.csv', 'period_cost.csv', 'period_score.csv', 'item.csv', 'bom.csv', 'planning_calendar.json'].map(
        (f) => [f, null],
      ),
    ),
  )
}

async function revisionStatuses(label: string): Promise<Record<number, string>> {
  const rows = await getSql().withConnection((c) =>
    c.all<{ number: number; status: string }>(
      'SELECT r.number, r.status FROM input_set_revision r JOIN input_set s ON s.id = r.input_set_id WHERE s.label = ? ORDER BY r.number',
      [label],
    ),
  )
  return Object.fromEntries(rows.map((r) => [Number(r.number), r.status]))
}

test(`${on} a label reserved for a portal route ('upload') is refused for imports, validate-only too, with nothing written`, async () => {
  const before = await count('SELECT COUNT(*) AS n FROM input_set')
  for (const validateOnly of [false, true]) {
    await assert.rejects(importDir(REFERENCE.planning, 'upload', { validateOnly }), (err: unknown) => {
      assert.ok(err instanceof InvalidError)
      assert.equal(err.code, 'invalid_label')
      assert.match(err.message, /'upload': it is reserved/)
      return true
    })
  }
  assert.equal(await count('SELECT COUNT(*) AS n FROM input_set'), before)
})

test(`${on} an existing set whose label became reserved stays readable, reviewable and exportable by that label`, async () => {
  await importDir(REFERENCE.weekly, 'legacy-upload')
  // A set stored before the name was reserved.
  await getSql().withConnection((c) => c.run(`UPDATE input_set SET label = 'upload' WHERE label = 'legacy-upload'`))
  assert.equal((await resolve('upload')).status, 'draft')
  assert.equal((await getInputSetDetail(reader, 'upload@1')).label, 'upload')
  assert.deepEqual(
    (await listEvents(reader, 'upload')).events.map((e) => e.action),
    ['upload'],
  )
  assert.equal((await reviewInputSet({ ref: 'upload', action: 'approve', actor: bob })).status, 'ready')
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserved-'))
  try {
    const out = await exportInputSet({ ref: 'upload', outDir, actor: bob })
    assert.deepEqual([out.label, out.revision, out.status], ['upload', 1, 'ready'])
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true })
  }
})

test(`${on} revert and archive need a comment (field comment); REQUIRE_REVIEW_COMMENT makes approve need one too`, async () => {
  await importDir(REFERENCE.weekly, 'commented')
  const refusedFor = (field: string) => (err: unknown) => {
    assert.ok(err instanceof InvalidError, String(err))
    assert.deepEqual(err.details, { field })
    return true
  }
  process.env.REQUIRE_REVIEW_COMMENT = 'true'
  resetEnvCache()
  try {
    await assert.rejects(reviewInputSet({ ref: 'commented', action: 'approve', actor: bob }), refusedFor('comment'))
    await assert.rejects(reviewInputSet({ ref: 'commented', action: 'approve', actor: bob, comment: ' \n ' }), refusedFor('comment'))
    assert.equal((await resolve('commented')).status, 'draft')
    assert.equal((await reviewInputSet({ ref: 'commented', action: 'approve', actor: bob, comment: 'JIRA-123 approve by bob' })).status, 'ready')
  } finally {
    delete process.env.REQUIRE_REVIEW_COMMENT
    resetEnvCache()
  }
  await assert.rejects(reviewInputSet({ ref: 'commented', action: 'revert', actor: bob }), refusedFor('comment'))
  await assert.rejects(reviewInputSet({ ref: 'commented', action: 'archive', actor: bob, comment: '' }), refusedFor('comment'))
  assert.equal((await resolve('commented')).status, 'ready')
  assert.deepEqual(
    (await listEvents(reader, 'commented')).events.map((e) => e.action),
    ['approve', 'upload'],
  )
  const reverted = await reviewInputSet({ ref: 'commented', action: 'revert', actor: bob, comment: 'JIRA-124 wrong week' })
  assert.equal(reverted.status, 'draft')
})
