// Conditional GETs over HTTP against `next start` (docs/api.md, "Caching"): detail, section rows,
// export, diff, diff rows and planning impact carry a strong ETag; label@N content answers are immutable, moving refs
// and answers showing review state are `no-cache`; If-None-Match answers 304 (exact, weak form,
// lists, `*`) without reading the rows, which is shown by deleting them behind the revision's back;
// authorization runs before any 304; errors and pending jobs are never cached.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { bearer, call, tokenFor, usersWithTokens, type ApiReply } from '../helpers/api'
import { countRows, csv, memoryBundle, runImport, tempDir, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { getSql } from '../../lib/db/sql'
import { cliActor } from '../../lib/input-sets/actor'
import { reviewInputSet } from '../../lib/input-sets/verbs/review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const cacheDir = tempDir('api-caching-diff-')
const server = await startServer({ DIFF_CACHE_DIR: cacheDir, DIFF_SWEEP_SECONDS: '0' })
const users = await usersWithTokens()
const viewer = bearer(users.viewer.token)
const planner = cliActor('planner')
const reviewer = cliActor('reviewer')

const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'private, no-cache'
const SET = '/api/plans/input_sets'

/** `label` r1 approved, r2 a draft that changes demand (adds F3, drops F2, changes F1). */
async function seed(label: string): Promise<void> {
  await runImport(memoryBundle(validFiles()), { label, actor: planner })
  await reviewInputSet({ ref: label, action: 'approve', actor: reviewer, comment: 'ok' })
  await runImport(memoryBundle({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,101', 'F1,2025-02,130', 'F3,2025-01,5') }), { label, actor: planner })
}
await seed('alpha')
await seed('moving')
await seed('gone')

const get = (p: string, ifNoneMatch?: string, headers = viewer): Promise<ApiReply> =>
  call(server, 'GET', p, { headers: { ...headers, ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }) } })

/** The ETag of a 200 answer; fails when there is none. */
function etagOf(reply: ApiReply): string {
  assert.equal(reply.status, 200, `expected 200, got ${reply.status}`)
  const etag = reply.headers.get('etag')
  assert.ok(etag && /^"[^"]+"$/.test(etag), `a strong ETag, got ${etag}`)
  return etag
}

function assertNotModified(reply: ApiReply, etag: string, cacheControl: string): void {
  assert.equal(reply.status, 304)
  assert.equal(reply.headers.get('etag'), etag)
  assert.equal(reply.headers.get('cache-control'), cacheControl)
  assert.equal((reply.body as Buffer).length, 0, 'a 304 has no body')
}

async function revisionId(label: string, number: number): Promise<number> {
  const row = await getSql().withConnection((c) =>
    c.get<{ id: number }>('SELECT r.id FROM input_set_revision r JOIN input_set s ON s.id = r.input_set_id WHERE s.label = ? AND r.number = ?', [label, number]),
  )
  return Number(row!.id)
}

const exportEvents = () => countRows(`SELECT COUNT(*) AS n FROM audit_event WHERE action = 'input_set.export'`)

/** Asks until the report (diff, impact) is ready; the server runs the job after its 202 answer. */
async function untilReady(p: string): Promise<ApiReply> {
  for (let i = 0; i < 100; i++) {
    const reply = await get(p)
    if (reply.status !== 202) return reply
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${p}: report not ready after 100 tries`)
}

test(`${on} label@N section rows: strong ETag, immutable, equal on every ask, 304 on a match and 200 on a mismatch`, async () => {
  const p = `${SET}/alpha@1/rows/demand_family`
  const first = await get(p)
  const etag = etagOf(first)
  assert.equal(first.headers.get('cache-control'), IMMUTABLE)
  assert.equal(etagOf(await get(p)), etag, 'the same content gives the same ETag')
  assertNotModified(await get(p, etag), etag, IMMUTABLE)
  const other = await get(p, '"something-else"')
  assert.equal(etagOf(other), etag)
  assert.deepEqual(other.body, first.body)
})

test(`${on} If-None-Match follows RFC 9110: a weak form, a list and * match; a near miss does not`, async () => {
  const p = `${SET}/alpha@1/rows/capacity`
  const etag = etagOf(await get(p))
  assertNotModified(await get(p, `W/${etag}`), etag, IMMUTABLE)
  assertNotModified(await get(p, `"a,b", W/"old",${etag}`), etag, IMMUTABLE)
  assertNotModified(await get(p, '*'), etag, IMMUTABLE)
  assert.equal((await get(p, etag.slice(0, -2) + '"')).status, 200)
  assert.equal((await get(p, etag.slice(1, -1))).status, 200, 'an unquoted tag is not an entity tag')
})

test(`${on} every section, page and page size has its own ETag`, async () => {
  const sections = ['demand_family', 'capacity', 'mix_share', 'inventory', 'open_po', 'period_cost', 'period_score', 'item', 'bom', 'planning_calendar']
  const seen = new Set<string>()
  for (const section of sections) {
    for (const query of ['', '?page_size=1', '?page_size=1&page=2']) {
      const p = `${SET}/alpha@1/rows/${section}${query}`
      const etag = etagOf(await get(p))
      assert.ok(!seen.has(etag), `${p} shares its ETag with another answer`)
      seen.add(etag)
      assertNotModified(await get(p, etag), etag, IMMUTABLE)
    }
  }
})

test(`${on} moving refs (label, label@draft) carry an ETag with no-cache; equal content shares it; a new revision changes it`, async () => {
  const current = await get(`${SET}/moving/rows/demand_family`)
  const before = etagOf(current)
  assert.equal(current.headers.get('cache-control'), REVALIDATE)
  assert.equal(etagOf(await get(`${SET}/moving@1/rows/demand_family`)), before, 'moving and moving@1 are the same content')
  const draft = await get(`${SET}/moving@draft/rows/demand_family`)
  const draftEtag = etagOf(draft)
  assert.equal(draft.headers.get('cache-control'), REVALIDATE)
  assertNotModified(await get(`${SET}/moving/rows/demand_family`, before), before, REVALIDATE)
  const detailBefore = etagOf(await get(`${SET}/moving`))

  await reviewInputSet({ ref: 'moving@draft', action: 'approve', actor: reviewer, comment: 'ok' })

  const after = await get(`${SET}/moving/rows/demand_family`, before)
  assert.equal(after.status, 200, 'the label now names revision 2')
  assert.equal(etagOf(after), draftEtag, 'the content of the draft that was approved')
  assert.deepEqual(
    (after.body as { rows: { family: string }[] }).rows.map((r) => r.family),
    ['F1', 'F1', 'F3'],
  )
  assert.equal((await get(`${SET}/moving`, detailBefore)).status, 200, 'the detail of the label moved too')
  assert.equal((await get(`${SET}/moving@draft`)).status, 404, 'no draft is pending any more; errors are not cached')
})

test(`${on} the detail shows review state: label@N is no-cache and its ETag changes when its status does`, async () => {
  const p = `${SET}/alpha@2`
  const draft = await get(p)
  const etag = etagOf(draft)
  assert.equal(draft.headers.get('cache-control'), REVALIDATE)
  assertNotModified(await get(p, etag), etag, REVALIDATE)
  const rowsEtag = etagOf(await get(`${SET}/alpha@2/rows/demand_family`))
  const exportEtag = etagOf(await get(`${SET}/alpha@2/export`))

  await reviewInputSet({ ref: 'alpha@draft', action: 'approve', actor: reviewer, comment: 'ok' })

  const approved = await get(p, etag)
  assert.equal(approved.status, 200)
  assert.equal((approved.body as { revision: { status: string } }).revision.status, 'ready')
  assert.notEqual(etagOf(approved), etag)
  assert.equal((await get(`${SET}/alpha@2/export`, exportEtag)).status, 200, 'datapackage.json records the status: a new export')
  assertNotModified(await get(`${SET}/alpha@2/rows/demand_family`, rowsEtag), rowsEtag, IMMUTABLE)
})

test(`${on} the export: ETag per format and include_meta, no-cache, 304 on a match that exports nothing`, async () => {
  const p = `${SET}/alpha@1/export`
  const full = await get(p)
  const etag = etagOf(full)
  assert.equal(full.headers.get('cache-control'), REVALIDATE)
  assert.equal(full.headers.get('content-type'), 'application/zip')
  assert.equal(etagOf(await get(`${p}?format=zip`)), etag)
  assert.notEqual(etagOf(await get(`${p}?include_meta=true`)), etag)
  const events = await exportEvents()
  assertNotModified(await get(p, etag), etag, REVALIDATE)
  assert.equal(await exportEvents(), events, 'a 304 exported nothing, so it records no export')
  const again = await get(p, '"old"')
  assert.equal(etagOf(again), etag)
  assert.deepEqual(again.body, full.body, 'the same zip, byte for byte')
  assert.equal(await exportEvents(), events + 1)
})

test(`${on} a 304 reads no rows: with them deleted behind the revision's back it still answers 304, a full answer shows them gone`, async () => {
  const rowsPath = `${SET}/gone@1/rows/demand_family`
  const rows = await get(rowsPath)
  const rowsEtag = etagOf(rows)
  assert.equal((rows.body as { total: number }).total, 3)
  const detailEtag = etagOf(await get(`${SET}/gone@1`))
  const exportReply = await get(`${SET}/gone@1/export`)
  const exportEtag = etagOf(exportReply)

  const id = await revisionId('gone', 1)
  await getSql().transaction(async (c) => {
    await c.run('DELETE FROM demand_row WHERE revision_id = ?', [id])
    await c.run('DELETE FROM revision_section WHERE revision_id = ?', [id])
  })

  assertNotModified(await get(rowsPath, rowsEtag), rowsEtag, IMMUTABLE)
  assertNotModified(await get(`${SET}/gone@1`, detailEtag), detailEtag, REVALIDATE)
  assertNotModified(await get(`${SET}/gone@1/export`, exportEtag), exportEtag, REVALIDATE)
  // Built again, each answer shows the deletion: had the validator been made from the body, it would have changed.
  assert.equal(((await get(rowsPath)).body as { total: number }).total, 0)
  assert.deepEqual(((await get(`${SET}/gone@1`)).body as { sections: unknown[] }).sections, [])
  assert.notDeepEqual((await get(`${SET}/gone@1/export`)).body, exportReply.body)
})

test(`${on} the diff: a pending job is no-store without an ETag; the ready report of label@N pairs is immutable and answers 304`, async () => {
  const p = `${SET}/alpha@2/diff?against=alpha@1`
  const pending = await get(p)
  assert.equal(pending.status, 202)
  assert.equal(pending.headers.get('etag'), null)
  assert.equal(pending.headers.get('cache-control'), 'no-store')
  const ready = await untilReady(p)
  const etag = etagOf(ready)
  assert.equal(ready.headers.get('cache-control'), IMMUTABLE)
  assertNotModified(await get(p, etag), etag, IMMUTABLE)
  const page2 = `${p}&section=demand_family&page_size=1&page=2`
  assert.notEqual(etagOf(await get(page2)), etag, 'each view of the report has its own ETag')
  assert.notEqual(etagOf(await get(`${p}&kind=added`)), etag)

  // The 304 does not read the report: with its file gone it still answers 304, while a full answer queues a job again.
  fs.rmSync(path.join(cacheDir, 'alpha@2__alpha@1.json'))
  assertNotModified(await get(p, etag), etag, IMMUTABLE)
  const again = await get(p)
  assert.equal(again.status, 202)
  assert.equal(etagOf(await untilReady(p)), etag, 'the same revisions and view give the same ETag')
})

test(`${on} a diff with a moving ref or a default reference is no-cache; the pair decides the ETag`, async () => {
  // alpha is revision 2 and its default reference is alpha@1: the same pair, the same view.
  const pinned = etagOf(await untilReady(`${SET}/alpha@2/diff?against=alpha@1`))
  const moving = await untilReady(`${SET}/alpha/diff?against=alpha@1`)
  assert.equal(moving.headers.get('cache-control'), REVALIDATE)
  assert.notEqual(etagOf(moving), pinned, 'the answer names the refs as asked')
  const defaulted = await untilReady(`${SET}/alpha@2/diff`)
  assert.equal(defaulted.headers.get('cache-control'), REVALIDATE)
  const defaultedEtag = etagOf(defaulted)
  assertNotModified(await get(`${SET}/alpha@2/diff`, defaultedEtag), defaultedEtag, REVALIDATE)
})

test(`${on} the planning impact: pending is no-store; ready for a label@N pair is immutable and answers 304; a moving ref is no-cache`, async () => {
  const p = `${SET}/alpha@2/impact?against=alpha@1`
  const pending = await get(p)
  assert.equal(pending.status, 202)
  assert.equal(pending.headers.get('etag'), null)
  const ready = await untilReady(p)
  const etag = etagOf(ready)
  assert.equal(ready.headers.get('cache-control'), IMMUTABLE)
  assertNotModified(await get(p, etag), etag, IMMUTABLE)
  assert.notEqual(etag, etagOf(await untilReady(`${SET}/alpha@2/diff?against=alpha@1`)), 'the impact and the diff of one pair are different answers')
  const moving = await untilReady(`${SET}/alpha/impact?against=alpha@1`)
  assert.equal(moving.headers.get('cache-control'), REVALIDATE)
  const movingEtag = etagOf(moving)
  assertNotModified(await get(`${SET}/alpha/impact?against=alpha@1`, movingEtag), movingEtag, REVALIDATE)
})

test(`${on} the diff rows CSV: ETag per section and kind, immutable for label@N pairs, 304 on a match`, async () => {
  await untilReady(`${SET}/alpha@2/diff?against=alpha@1`)
  const p = `${SET}/alpha@2/diff/rows/demand_family?against=alpha@1`
  const changed = await get(p)
  const etag = etagOf(changed)
  assert.equal(changed.headers.get('cache-control'), IMMUTABLE)
  assert.match(changed.headers.get('content-type') ?? '', /^text\/csv/)
  assertNotModified(await get(p, etag), etag, IMMUTABLE)
  assert.notEqual(etagOf(await get(`${p}&kind=added`)), etag)
  assert.notEqual(etagOf(await get(`${SET}/alpha@2/diff/rows/capacity?against=alpha@1`)), etag)
})

test(`${on} authorization runs before a 304: no caller is 401, a token without the read scope 403, an unknown ref 404 — none cached`, async () => {
  const p = `${SET}/alpha@1/rows/demand_family`
  const etag = etagOf(await get(p))
  const writeOnly = bearer(await tokenFor(users.admin.email, ['input_sets:write']))
  for (const [headers, status] of [
    [{}, 401],
    [writeOnly, 403],
  ] as const) {
    for (const route of [p, `${SET}/alpha@1`, `${SET}/alpha@1/export`, `${SET}/alpha@2/diff?against=alpha@1`]) {
      const reply = await get(route, '*', headers)
      assert.equal(reply.status, status, route)
      assert.equal(reply.headers.get('etag'), null)
      assert.equal(reply.headers.get('cache-control'), 'no-store')
    }
  }
  assert.equal((await get(p, etag, writeOnly)).status, 403, 'a matching ETag does not get past the scope check')
  const missing = await get(`${SET}/nosuch@1/rows/demand_family`, '*')
  assert.equal(missing.status, 404)
  assert.equal(missing.headers.get('cache-control'), 'no-store')
  assert.equal((await get(`${SET}/alpha@9`, '*')).status, 404)
})
