// The write endpoints over HTTP against `next start`: uploads (files, zip, validate-only,
// 422 reports, refused file names and fields) and review (four-eyes, illegal transitions,
// a race), plus the wrapper's request ids and its 500 that never shows a stack.
import { reader } from '../helpers/access'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { bearer, call, uploadForm, usersWithTokens } from '../helpers/api'
import { csv, ensureConfigVersion, memoryBundle, runImport, tableCounts, tempDir, validFiles, writeZip } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { getSql } from '../../lib/db/sql'
import { cliActor } from '../../lib/input-sets/actor'
import { listEvents } from '../../lib/input-sets/queries/events'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
const editor = bearer(users.editor.token)
const planner = cliActor('planner')
await ensureConfigVersion(1)
await ensureConfigVersion(2)

const upload = (fields: Record<string, string>, files: Record<string, string | Buffer>, headers = editor) =>
  call(server, 'POST', '/api/plans/input_sets', { headers, form: uploadForm(fields, files) })
const review = (label: string, json: unknown, who = users.approver) =>
  call(server, 'POST', `/api/plans/input_sets/${label}/review`, { headers: bearer(who.token), json })
const statusOf = async (ref: string) => (await call(server, 'GET', `/api/plans/input_sets/${ref}`, { headers: editor })).body.revision?.status

test(`${on} upload: several files make draft revision 1 (201); the event's actor is the token owner`, async () => {
  const r = await upload({ label: 'w1', config_version_id: '1', comment: 'first cut' }, validFiles())
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.deepEqual(r.body.input_set, { label: 'w1', revision: 1, status: 'draft' })
  assert.equal(r.body.report.ok, true)
  assert.equal(r.body.report.files.demand_family.rows_accepted, 3)
  const [event] = (await listEvents(reader, 'w1', 1)).events
  assert.deepEqual([event.action, event.actor, event.actor_kind, event.comment], ['upload', users.editor.email, 'token', 'first cut'])
  const detail = await call(server, 'GET', '/api/plans/input_sets/w1', { headers: editor })
  assert.equal(detail.body.revision.uploaded_by, users.editor.email)
})

test(`${on} upload: one .zip (files inside a top folder) is a bundle; version_id is accepted for config_version_id`, async () => {
  const zip = await writeZip(
    path.join(tempDir('api-zip-'), 'bundle.zip'),
    Object.entries(validFiles()).map(([n, data]) => ({ path: `bundle/${n}`, data })),
  )
  const r = await upload({ label: 'w-zip', version_id: '1' }, { 'bundle.zip': fs.readFileSync(zip) })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.report.files.planning_calendar.rows_accepted, 3)
})

test(`${on} upload: absent sections are inherited unless inherit=false`, async () => {
  const demand = { 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1') }
  const inherited = await upload({ label: 'w1', config_version_id: '1' }, demand)
  assert.equal(inherited.status, 201)
  assert.ok(inherited.body.report.inherited.some((i: { section: string }) => i.section === 'capacity'))
  const bare = await upload({ label: 'w1', config_version_id: '1', inherit: 'false' }, demand)
  assert.deepEqual([bare.status, bare.body.report.inherited], [201, []])
})

test(`${on} upload: validate_only answers 200 with the report and writes nothing`, async () => {
  const before = await tableCounts()
  const r = await upload({ label: 'w-dry', config_version_id: '1', validate_only: 'true' }, validFiles())
  assert.equal(r.status, 200)
  assert.deepEqual([r.body.report.ok, r.body.report.validate_only, r.body.input_set], [true, true, undefined])
  assert.match(r.body.report.content_hash, /^[0-9a-f]{64}$/)
  assert.deepEqual(await tableCounts(), before)
})

test(`${on} upload: a blocking report is 422 validation_failed naming file, row and column; nothing is written`, async () => {
  const before = await tableCounts()
  const files = { ...validFiles(), 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,100', 'F1,2025-02,12x') }
  const r = await upload({ label: 'w-bad', config_version_id: '1' }, files)
  assert.equal(r.status, 422)
  assert.equal(r.body.error.code, 'validation_failed')
  assert.match(r.body.error.message, /demand_family\.csv row 3 column demand/)
  const errors = r.body.error.details.report.issues.filter((i: { severity: string }) => i.severity === 'error')
  assert.deepEqual(
    errors.map((i: Record<string, unknown>) => [i.file, i.row, i.column, i.code]),
    [['demand_family.csv', 3, 'demand', 'not_a_number']],
  )
  assert.deepEqual(await tableCounts(), before)
  const dry = await upload({ label: 'w-bad', config_version_id: '1', validate_only: 'true' }, files)
  assert.equal(dry.status, 422, 'validate_only reports blocking errors the same way')
})

test(`${on} upload: file names with a path or '..' are refused (400) before anything is read`, async () => {
  const before = await tableCounts()
  for (const name of ['../demand_family.csv', 'sub/demand_family.csv', 'sub\\demand_family.csv', '..', 'demand_family.csv/..']) {
    const r = await upload({ label: 'w-names', config_version_id: '1' }, { [name]: 'family,period,demand\nF1,2025-01,1\n' })
    assert.deepEqual([r.status, r.body.error?.code, r.body.error?.details?.file], [400, 'bad_file_name', name], name)
  }
  assert.deepEqual(await tableCounts(), before)
})

test(`${on} upload: bad or missing fields are 400 naming the field; an unknown config version is 404`, async () => {
  const demand = { 'demand_family.csv': 'family,period,demand\nF1,2025-01,1\n' }
  const cases: [Record<string, string>, Record<string, string>, number, string, string | undefined][] = [
    [{ config_version_id: '1' }, demand, 400, 'invalid', 'label'],
    [{ label: '../x', config_version_id: '1' }, demand, 400, 'invalid_label', 'label'],
    [{ label: 'w2' }, demand, 400, 'invalid', 'config_version_id'],
    [{ label: 'w2', config_version_id: 'one' }, demand, 400, 'invalid', 'config_version_id'],
    [{ label: 'w2', config_version_id: '1', inherit: 'maybe' }, demand, 400, 'invalid', 'inherit'],
    [{ label: 'w2', config_version_id: '1' }, {}, 400, 'invalid', 'files'],
    [{ label: 'w2', config_version_id: '1' }, { ...demand, 'b.zip': 'PK' }, 400, 'invalid', 'files'],
    [{ label: 'w2', config_version_id: '1' }, { 'b.zip': 'not a zip' }, 400, 'bad_zip', undefined],
    [{ label: 'w2', config_version_id: '99' }, demand, 404, 'not_found', undefined],
    [{ label: 'w1', config_version_id: '2' }, demand, 409, 'conflict', 'version_id'],
  ]
  for (const [fields, files, status, code, field] of cases) {
    const r = await upload(fields, files)
    assert.deepEqual([r.status, r.body.error?.code, r.body.error?.details?.field], [status, code, field], JSON.stringify(fields))
  }
  const notMultipart = await call(server, 'POST', '/api/plans/input_sets', { headers: editor, json: { label: 'w2' } })
  assert.deepEqual([notMultipart.status, notMultipart.body.error.details.field], [400, 'content-type'])
  const textFiles = new FormData()
  textFiles.append('label', 'w2')
  textFiles.append('config_version_id', '1')
  textFiles.append('files', 'demand_family.csv')
  assert.equal((await call(server, 'POST', '/api/plans/input_sets', { headers: editor, form: textFiles })).body.error.details.field, 'files')
})

test(`${on} upload: refused parts are 400 naming the problem, and nothing throws in the server once the body has arrived`, async () => {
  const boundary = 'refused-part-boundary'
  const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`
  const field = (name: string, value: string) => part(`Content-Disposition: form-data; name="${name}"`, value)
  const end = `--${boundary}--\r\n`
  const cases: [string, string, string, RegExp][] = [
    ['a 100 KB label', field('label', 'a'.repeat(100 * 1024)) + end, 'label', /^Field 'label' is longer than 64 KiB\.$/],
    ['a part without a name', part('Content-Disposition: form-data', 'x') + end, 'body', /Content-Disposition has no name/],
    ['a part without headers', `--${boundary}\r\n\r\nx\r\n` + end, 'body', /a part has no Content-Disposition header/],
    ['a text field named files', field('label', 'w-parts') + field('files', 'demand_family.csv') + end, 'files', /^'files' must be a file part/],
    // Refused while 2 MB of file are still on their way.
    [
      'files as text before a big file',
      field('files', 'x') + part('Content-Disposition: form-data; name="files"; filename="demand_family.csv"', 'y'.repeat(2_000_000)) + end,
      'files',
      /^'files' must be a file part/,
    ],
  ]
  const before = await tableCounts()
  for (let round = 0; round < 3; round++) {
    for (const [what, body, fieldName, message] of cases) {
      const r = await call(server, 'POST', '/api/plans/input_sets', { headers: { ...editor, 'content-type': `multipart/form-data; boundary=${boundary}` }, body })
      assert.deepEqual([r.status, r.body.error?.details?.field], [400, fieldName], `${what}: ${JSON.stringify(r.body)}`)
      assert.match(r.body.error.message, message, what)
    }
  }
  assert.deepEqual(await tableCounts(), before)
  // A throw after the response would land in the log a moment later; the next request still gets an answer.
  await new Promise((resolve) => setTimeout(resolve, 500))
  assert.equal((await call(server, 'GET', '/api/plans/input_sets', { headers: editor })).status, 200)
  assert.doesNotMatch(server.log(), /uncaughtException|unhandledRejection|ERR_INVALID_STATE|already closed/)
})

test(`${on} review: four-eyes refuses approving one's own upload (403 four_eyes); another approver succeeds`, async () => {
  const mine = await upload({ label: 'r-own', config_version_id: '1' }, validFiles(), bearer(users.approver.token))
  assert.equal(mine.status, 201)
  const refused = await review('r-own', { action: 'approve' })
  assert.deepEqual([refused.status, refused.body.error.code], [403, 'four_eyes'])
  assert.equal(await statusOf('r-own'), 'draft')
  const ok = await review('r-own', { action: 'approve', comment: 'JIRA-7' }, users.admin)
  assert.equal(ok.status, 200)
  assert.deepEqual([ok.body.previous_status, ok.body.status, ok.body.revision, ok.body.action], ['draft', 'ready', 1, 'approve'])
  const [event] = (await listEvents(reader, 'r-own', 1)).events
  assert.deepEqual([event.action, event.actor, event.actor_kind, event.comment], ['approve', users.admin.email, 'token', 'JIRA-7'])
})

test(`${on} review: illegal transitions are 409 naming the status; archive needs a reason to force`, async () => {
  const again = await review('r-own', { action: 'approve' }, users.admin)
  assert.deepEqual([again.status, again.body.error.code], [409, 'illegal_transition'])
  assert.match(again.body.error.message, /its status is ready/)
  assert.equal((await review('r-own', { action: 'restore' })).status, 409)
  const noReason = await review('r-own', { action: 'archive', force: true, comment: 'retired' })
  assert.deepEqual([noReason.status, noReason.body.error.details.field], [400, 'reason'])
  for (const body of [{ action: 'revert' }, { action: 'revert', comment: '  ' }, { action: 'archive', comment: null }]) {
    const bare = await review('r-own', body)
    assert.deepEqual([bare.status, bare.body.error.code, bare.body.error.details?.field], [400, 'invalid', 'comment'], JSON.stringify(body))
    assert.match(bare.body.error.message, /A comment is required to (revert|archive)/)
  }
  assert.equal(await statusOf('r-own'), 'ready')
  assert.equal((await review('r-own', { action: 'revert', comment: 'wrong week' })).status, 200)
  assert.equal(await statusOf('r-own'), 'draft')
})

test(`${on} review: request_changes records the comment on the draft (200, status stays draft); without a comment 400 naming it`, async () => {
  await runImport(memoryBundle(validFiles()), { label: 'r-ask', actor: planner })
  const bare = await review('r-ask', { action: 'request_changes' })
  assert.deepEqual([bare.status, bare.body.error.details?.field], [400, 'comment'])
  const ok = await review('r-ask', { action: 'request_changes', comment: 'JIRA-11 capacity for WC2 missing' })
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
  assert.deepEqual([ok.body.action, ok.body.status, ok.body.revision], ['request_changes', 'draft', 1])
  assert.equal(await statusOf('r-ask'), 'draft')
  const [event] = (await listEvents(reader, 'r-ask', 1)).events
  assert.deepEqual([event.type, event.actor, event.comment], ['input_set.request_changes', users.approver.email, 'JIRA-11 capacity for WC2 missing'])
})

test(`${on} review: bad bodies are 400 (an actor field is refused, never trusted); unknown labels 404`, async () => {
  for (const [body, field] of [
    [{ action: 'approve', actor: 'someone-else' }, 'body'],
    [{ action: 'delete' }, 'action'],
    [{}, 'action'],
    [{ action: 'approve', force: 'yes' }, 'force'],
  ] as const) {
    const r = await review('r-own', body)
    assert.deepEqual([r.status, r.body.error.details?.field], [400, field], JSON.stringify(body))
  }
  const notJson = await call(server, 'POST', '/api/plans/input_sets/r-own/review', { headers: bearer(users.approver.token), body: 'approve' })
  assert.deepEqual([notJson.status, notJson.body.error.details.field], [400, 'body'])
  assert.equal((await review('nope', { action: 'approve' })).status, 404)
  assert.equal(await statusOf('r-own'), 'draft')
})

test(`${on} review: two approvers racing on one draft: exactly one wins, the other gets 409`, async () => {
  await runImport(memoryBundle(validFiles()), { label: 'r-race', actor: planner })
  const results = await Promise.all([review('r-race', { action: 'approve' }), review('r-race', { action: 'approve' }, users.admin)])
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409])
  assert.equal((await listEvents(reader, 'r-race')).events.filter((e) => e.action === 'approve').length, 1)
})

test(`${on} request ids: a given x-request-id is echoed, otherwise one is generated (also on errors)`, async () => {
  const given = await call(server, 'GET', '/api/plans/input_sets', { headers: { ...editor, 'x-request-id': 'trace-42' } })
  assert.equal(given.headers.get('x-request-id'), 'trace-42')
  const unauthenticated = await call(server, 'GET', '/api/plans/input_sets')
  assert.match(unauthenticated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
  const hostile = await call(server, 'GET', '/api/plans/input_sets', { headers: { ...editor, 'x-request-id': 'a"b}' } })
  assert.match(hostile.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
})

// Last: it breaks the database under the running server.
test(`${on} an unexpected failure is 500 'internal' with the request id; the stack is only in the JSON log`, async () => {
  await getSql().transaction((c) => c.run('ALTER TABLE revision_section RENAME TO revision_section_gone'))
  const r = await call(server, 'GET', '/api/plans/input_sets/w1', { headers: { ...editor, 'x-request-id': 'boom-1' } })
  assert.equal(r.status, 500)
  assert.deepEqual(r.body, { error: { code: 'internal', message: 'Internal error (request boom-1)' } })
  let line: Record<string, unknown> | undefined
  for (let i = 0; i < 40 && !line; i++) {
    line = server
      .log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'api_error' && l.request_id === 'boom-1')
    if (!line) await new Promise((res) => setTimeout(res, 50))
  }
  assert.ok(line, 'an api_error log line with the request id')
  assert.match(String(line.stack), /\n\s+at /)
  assert.equal(line.path, '/api/plans/input_sets/w1')
})
