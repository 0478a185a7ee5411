// The read endpoints over HTTP against `next start`: list (filters, paging, counts), one
// revision, paged section rows, events (the same body as listEvents) and the export zip,
// which re-imports to the same content hash.
import { reader } from '../helpers/access'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { test } from 'node:test'
import { bearer, call, uploadForm, usersWithTokens, type Loose } from '../helpers/api'
import { csv, memoryBundle, runImport, tempDir, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { cliActor } from '../../lib/input-sets/actor'
import type { InputSetDetail } from '../../lib/input-sets/queries/detail'
import { listEvents } from '../../lib/input-sets/queries/events'
import type { InputSetPage } from '../../lib/input-sets/queries/list'
import type { SectionRows } from '../../lib/input-sets/queries/rows'
import { reviewInputSet } from '../../lib/input-sets/verbs/review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
// The server's temporary folder, to see that exports clean up after themselves.
const serverTmp = tempDir('api-read-tmp-')
const server = await startServer({ TMPDIR: serverTmp })
const users = await usersWithTokens()
const viewer = bearer(users.viewer.token)
const planner = cliActor('planner')

const params = JSON.stringify({ tolerance_abs: 0.01, carryover_mode: 'none' })
const r1 = await runImport(memoryBundle({ ...validFiles(), 'planning_params.json': params }), { label: 'alpha', actor: planner })
await reviewInputSet({ ref: 'alpha', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
// r2 changes demand only (rows out of key order, one unknown column) and inherits the rest.
const r2 = await runImport(memoryBundle({ 'demand_family.csv': csv('family,period,demand,note', 'F2,2025-01,80,c', 'F1,2025-02,130,b', 'F1,2025-01,100,a') }), {
  label: 'alpha',
  actor: planner,
})
await runImport(memoryBundle(validFiles()), { label: 'beta', actor: planner })
await runImport(memoryBundle(validFiles()), { label: 'beta_2', actor: planner })
await runImport(memoryBundle(validFiles()), { label: 'gamma', actor: planner, configVersionId: 2 })
assert.ok(r1.ok && r2.ok, 'seed imports')

const get = <T = Loose>(path: string, headers = viewer) => call<T>(server, 'GET', `/api/plans/input_sets${path}`, { headers })
const labels = (page: InputSetPage) => page.data.map((s) => s.label)

test(`${on} list: all sets by label with status counts; pages of page_size`, async () => {
  const all = await get<InputSetPage>('')
  assert.equal(all.status, 200)
  assert.deepEqual(labels(all.body), ['alpha', 'beta', 'beta_2', 'gamma'])
  assert.deepEqual(all.body.status_counts, { draft: 3, ready: 1, superseded: 0, archived: 0, awaiting_review: 4 })
  assert.deepEqual([all.body.total, all.body.page, all.body.page_size], [4, 1, 50])
  const alpha = all.body.data[0]
  assert.deepEqual([alpha.status, alpha.revision, alpha.draft_revision, alpha.approved_by], ['ready', 1, 2, 'reviewer'])
  assert.deepEqual(labels((await get<InputSetPage>('?page_size=2&page=2')).body), ['beta_2', 'gamma'])
  const beyond = await get<InputSetPage>('?page_size=2&page=3')
  assert.deepEqual([beyond.body.data, beyond.body.total], [[], 4])
})

test(`${on} list: status, config version and a case-insensitive search with literal _ filter in SQL`, async () => {
  const drafts = await get<InputSetPage>('?status=draft')
  assert.deepEqual([labels(drafts.body), drafts.body.total], [['beta', 'beta_2', 'gamma'], 3])
  assert.equal(drafts.body.status_counts.ready, 1, 'counts ignore the status filter')
  const v2 = await get<InputSetPage>('?config_version_id=2')
  assert.deepEqual([labels(v2.body), v2.body.status_counts.draft, v2.body.status_counts.ready], [['gamma'], 1, 0])
  assert.deepEqual(labels((await get<InputSetPage>('?q=BETA')).body), ['beta', 'beta_2'])
  assert.deepEqual(labels((await get<InputSetPage>('?q=_')).body), ['beta_2'])
  assert.deepEqual(labels((await get<InputSetPage>('?status=&q=')).body).length, 4, 'empty values mean no filter')
})

test(`${on} list: bad query values are 400 naming the field`, async () => {
  for (const [query, field] of [
    ['page=0', 'page'],
    ['page_size=501', 'page_size'],
    ['page_size=x', 'page_size'],
    ['status=pending', 'status'],
    ['config_version_id=-1', 'config_version_id'],
  ]) {
    const r = await get(`?${query}`)
    assert.equal(r.status, 400, query)
    assert.deepEqual([r.body.error.code, r.body.error.details.field], ['invalid', field], query)
  }
})

test(`${on} detail: the label resolves to the ready revision with sections, calendar, params and history`, async () => {
  const { status, body } = await get<InputSetDetail>('/alpha')
  assert.equal(status, 200)
  assert.deepEqual([body.label, body.config_version_id, body.revision.number, body.revision.status], ['alpha', 1, 1, 'ready'])
  assert.equal(body.revision.content_hash, r1.content_hash)
  assert.equal(body.revision.approved_hash, r1.content_hash)
  assert.deepEqual([body.revision.uploaded_by, body.revision.approved_by, body.revision.review_comment], ['planner', 'reviewer', 'ok'])
  assert.deepEqual(
    body.revisions.map((r) => [r.number, r.status]),
    [
      [2, 'draft'],
      [1, 'ready'],
    ],
  )
  assert.deepEqual(
    body.sections.find((s) => s.section === 'demand_family'),
    {
      section: 'demand_family',
      rows: 3,
      sha256: body.sections.find((s) => s.section === 'demand_family')!.sha256,
      inherited_from_revision: null,
    },
  )
  assert.deepEqual(body.calendar, { calendar_type: 'custom', week_unit: 'day', periods: 3, start_date: '2025-01-01', end_date: '2025-03-31' })
  assert.deepEqual(body.params, { carryover_mode: 'none', tolerance_abs: 0.01 })
})

test(`${on} detail: label@draft and label@N address revisions; inherited sections name their source revision`, async () => {
  const draft = await get<InputSetDetail>('/alpha@draft')
  assert.deepEqual([draft.body.revision.number, draft.body.revision.status, draft.body.revision.content_hash], [2, 'draft', r2.content_hash])
  const bySection = Object.fromEntries(draft.body.sections.map((s) => [s.section, s.inherited_from_revision]))
  assert.equal(bySection.demand_family, null)
  assert.equal(bySection.capacity, 1)
  assert.equal((await get<InputSetDetail>('/alpha@1')).body.revision.status, 'ready')
})

test(`${on} detail: unknown labels are 404 with close labels; bad labels are 400 before any lookup`, async () => {
  const miss = await get('/alpah')
  assert.equal(miss.status, 404)
  assert.match(miss.body.error.message, /Input set 'alpah' not found\. Did you mean: alpha, alpha@draft\?/)
  assert.equal((await get('/alpha@9')).status, 404)
  for (const bad of ['..%2Fx', 'a%2Fb', '..%5Cx', 'alpha@bogus', '-x', 'a%20b']) {
    for (const suffix of ['', '/rows/demand_family', '/events', '/export']) {
      const r = await get(`/${bad}${suffix}`)
      assert.deepEqual([r.status, r.body.error?.code], [400, 'invalid_label'], `${bad}${suffix}`)
    }
  }
})

test(`${on} rows: one page in key order with unknown columns; totals and paging`, async () => {
  const first = await get<SectionRows>('/alpha@draft/rows/demand_family?page_size=2')
  assert.equal(first.status, 200)
  assert.deepEqual(first.body.columns, ['family', 'period', 'demand', 'note'])
  assert.deepEqual(first.body.rows, [
    { family: 'F1', period: '2025-01', demand: 100, note: 'a' },
    { family: 'F1', period: '2025-02', demand: 130, note: 'b' },
  ])
  assert.deepEqual([first.body.section, first.body.total, first.body.page, first.body.page_size], ['demand_family', 3, 1, 2])
  const second = await get<SectionRows>('/alpha@draft/rows/demand_family?page_size=2&page=2')
  assert.deepEqual(second.body.rows, [{ family: 'F2', period: '2025-01', demand: 80, note: 'c' }])
  const ready = await get<SectionRows>('/alpha/rows/capacity')
  assert.deepEqual(ready.body.rows[0], { workcenter: 'WC1', period: '2025-01', capacity: 500, resource_type: 'workcenter' })
})

test(`${on} rows: the calendar pages periods with their weeks; params are key/value rows`, async () => {
  const cal = await get<SectionRows>('/alpha/rows/planning_calendar?page_size=2&page=2')
  assert.deepEqual([cal.body.total, cal.body.rows.length], [3, 1])
  assert.deepEqual(cal.body.rows[0], {
    period: '2025-03',
    start_date: '2025-03-01',
    end_date: '2025-03-31',
    weeks: [{ week_code: '2025-03-W1', sequence: 1, start_date: '2025-03-01', end_date: '2025-03-31', weight: 31 }],
  })
  const p = await get<SectionRows>('/alpha/rows/planning_params')
  assert.deepEqual(p.body.rows, [
    { key: 'carryover_mode', value: 'none' },
    { key: 'tolerance_abs', value: 0.01 },
  ])
  const empty = await get<SectionRows>('/alpha/rows/period_score?page=9')
  assert.deepEqual([empty.status, empty.body.rows, empty.body.total], [200, [], 2])
})

test(`${on} path segments that are not percent-encoded UTF-8 are 400 naming the path parameter, on every sub-route`, async () => {
  const pages = [
    ['/%ff%fe', ''],
    ['/%ff%fe', '/rows/demand_family'],
    ['/%ff', '/events'],
    ['/abc%zz', '/export'],
    ['/%c0%af', '/diff'],
  ]
  for (const [bad, suffix] of pages) {
    const r = await get(`${bad}${suffix}`)
    assert.deepEqual(
      [r.status, r.body.error?.code, r.body.error?.details?.field, r.body.error?.details?.in],
      [400, 'invalid_label', 'label', 'path'],
      `${bad}${suffix}: ${JSON.stringify(r.body)}`,
    )
    // Shown as U+FFFD, the replacement character, as any lenient decoder would.
    assert.match(r.body.error.message, /^Invalid label '\uFFFD'/)
  }
  const section = await get('/alpha/rows/%ff')
  assert.deepEqual([section.status, section.body.error.details?.field], [400, 'section'])
  // Two undecodable segments: the first named, no 500 for the second.
  const both = await get('/%ff/rows/%fe')
  assert.deepEqual([both.status, both.body.error.details?.field], [400, 'label'])
  // A write is refused the same way, before anything is read or written.
  const review = await call(server, 'POST', '/api/plans/input_sets/%ff/review', { headers: bearer(users.admin.token), json: { action: 'approve' } })
  assert.deepEqual([review.status, review.body.error.code, review.body.error.details?.field], [400, 'invalid_label', 'label'])
  // Well-formed UTF-8 still arrives decoded as it was sent.
  assert.match((await get('/%C3%A9t%C3%A9')).body.error.message, /^Invalid label 'été'/)
})

test(`${on} rows: unknown sections and bad paging are 400 naming the field`, async () => {
  for (const [path, field] of [
    ['/alpha/rows/demand', 'section'],
    ['/alpha/rows/demand_family?page_size=0', 'page_size'],
    ['/alpha/rows/demand_family?page_size=501', 'page_size'],
    ['/alpha/rows/demand_family?page=-1', 'page'],
  ]) {
    const r = await get(path)
    assert.deepEqual([r.status, r.body.error.details?.field], [400, field], path)
  }
  assert.equal((await get('/nope/rows/demand_family')).status, 404)
})

test(`${on} events: the body equals listEvents(reader); limit defaults to 100 and must be 1..500`, async () => {
  const some = await get('/alpha/events?limit=2')
  assert.equal(some.status, 200)
  assert.deepEqual(some.body, await listEvents(reader, 'alpha', 2))
  const all = await get('/alpha/events')
  assert.deepEqual(all.body, await listEvents(reader, 'alpha', 100))
  assert.deepEqual(
    all.body.events.map((e: { action: string }) => e.action),
    ['upload', 'approve', 'upload'],
  )
  assert.deepEqual(all.body.input_set, { id: all.body.input_set.id, label: 'alpha', config_version_id: 1, status: 'ready' })
  for (const limit of ['0', '501', 'ten', '1.5']) {
    const r = await get(`/alpha/events?limit=${limit}`)
    assert.deepEqual([r.status, r.body.error.details?.field], [400, 'limit'], limit)
  }
  assert.equal((await get('/nope/events')).status, 404)
})

const exportDirsLeft = () => fs.readdirSync(serverTmp).filter((n) => n.startsWith('planning-hub-export-'))

async function settled(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 50))
  return check()
}

test(`${on} export: a zip download that re-imports to the same content hash; the event names the caller`, async () => {
  const zip = await get<Buffer>('/alpha/export?format=zip')
  assert.equal(zip.status, 200)
  assert.equal(zip.headers.get('content-type'), 'application/zip')
  assert.equal(zip.headers.get('content-disposition'), 'attachment; filename="planning_inputs_alpha.zip"')
  assert.equal(zip.headers.get('x-content-hash'), r1.content_hash)
  assert.equal(zip.body.subarray(0, 2).toString(), 'PK')
  const [event] = (await listEvents(reader, 'alpha', 1)).events
  assert.deepEqual([event.action, event.actor, event.actor_kind, event.revision], ['export', users.viewer.email, 'token', 1])

  const again = await call(server, 'POST', '/api/plans/input_sets', {
    headers: bearer(users.editor.token),
    form: uploadForm({ label: 'alpha-copy', config_version_id: '1', validate_only: 'true' }, { 'planning_inputs_alpha.zip': zip.body }),
  })
  assert.equal(again.status, 200, JSON.stringify(again.body))
  assert.equal(again.body.report.content_hash, r1.content_hash)
  assert.ok(await settled(() => exportDirsLeft().length === 0), `temporary export folders left: ${exportDirsLeft()}`)
})

test(`${on} export: label@draft exports that revision; a bad format or label leaves nothing behind`, async () => {
  const draft = await get<Buffer>('/alpha@draft/export')
  assert.deepEqual([draft.status, draft.headers.get('x-content-hash')], [200, r2.content_hash])
  assert.deepEqual([(await get('/alpha/export?format=csv')).body.error.details.field], ['format'])
  assert.equal((await get('/nope/export')).status, 404)
  assert.ok(await settled(() => exportDirsLeft().length === 0), `temporary export folders left: ${exportDirsLeft()}`)
})
