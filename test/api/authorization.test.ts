// Who may call what (docs/api.md, docs/accounts.md): every /api/plans route × every kind of caller,
// from a table. 401 for no or bad credentials (whatever the route), 403 where the role or the
// token's scopes fall short, success otherwise; refused calls change nothing.
import { reader } from '../helpers/access'
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, expiredToken, revokedToken, signIn, tokenFor, unknownToken, uploadForm, usersWithTokens } from '../helpers/api'
import { ensureConfigVersion, memoryBundle, runImport, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { cliActor } from '../../lib/input-sets/actor'
import { listEvents } from '../../lib/input-sets/queries/events'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
await ensureConfigVersion(1)
// Sets uploaded by someone who is none of the callers, so four-eyes never interferes.
const planner = cliActor('planner')
await runImport(memoryBundle(validFiles()), { label: 'shared', actor: planner })

const CALLERS = {
  'no credentials': {},
  'malformed header': { authorization: 'Basic dXNlcjpwYXNz' },
  'unknown token': bearer(unknownToken()),
  'expired token': bearer(await expiredToken(users.admin.email)),
  'revoked token': bearer(await revokedToken(users.admin.email)),
  viewer: bearer(users.viewer.token),
  editor: bearer(users.editor.token),
  approver: bearer(users.approver.token),
  admin: bearer(users.admin.token),
  // Narrower than the role: an admin's read-only token.
  'admin, read-only token': bearer(await tokenFor(users.admin.email, ['input_sets:read'])),
  // Wider than the role: the role still caps it.
  'viewer, token with write+review': bearer(await tokenFor(users.viewer.email, ['input_sets:read', 'input_sets:write', 'input_sets:review'])),
  'editor session': { cookie: await signIn(server, users.editor.email) },
  'approver session': { cookie: await signIn(server, users.approver.email) },
} satisfies Record<string, Record<string, string>>
type Caller = keyof typeof CALLERS

/** A key per caller for labels, e.g. 'admin, read-only token' → 'c9'. */
const slug = (c: Caller) => `c${Object.keys(CALLERS).indexOf(c)}`

for (const c of Object.keys(CALLERS) as Caller[]) await runImport(memoryBundle(validFiles()), { label: `rv-${slug(c)}`, actor: planner })

type Route = { route: string; send: (c: Caller) => Promise<number> }
const send =
  (method: string, path: string, o: { form?: FormData; json?: unknown } = {}) =>
  (c: Caller) =>
    call(server, method, path, { headers: CALLERS[c], ...o }).then((r) => r.status)

const ROUTES: Route[] = [
  { route: 'GET list', send: send('GET', '/api/plans/input_sets') },
  { route: 'GET detail', send: send('GET', '/api/plans/input_sets/shared') },
  { route: 'GET rows', send: send('GET', '/api/plans/input_sets/shared/rows/demand_family') },
  { route: 'GET events', send: send('GET', '/api/plans/input_sets/shared/events') },
  { route: 'GET export', send: send('GET', '/api/plans/input_sets/shared/export?format=zip') },
  {
    route: 'POST upload',
    send: (c) => send('POST', '/api/plans/input_sets', { form: uploadForm({ label: `up-${slug(c)}`, config_version_id: '1' }, validFiles()) })(c),
  },
  { route: 'POST review', send: (c) => send('POST', `/api/plans/input_sets/rv-${slug(c)}/review`, { json: { action: 'approve' } })(c) },
  { route: 'POST event', send: (c) => send('POST', '/api/plans/input_sets/shared/events', { json: { action: 'note', comment: `note by ${slug(c)}` } })(c) },
]

const DENIED = { 'no credentials': 401, 'malformed header': 401, 'unknown token': 401, 'expired token': 401, 'revoked token': 401 } as const
const READ = {
  ...DENIED,
  viewer: 200,
  editor: 200,
  approver: 200,
  admin: 200,
  'admin, read-only token': 200,
  'viewer, token with write+review': 200,
  'editor session': 200,
  'approver session': 200,
}

const EXPECTED: Record<string, Record<Caller, number>> = {
  'GET list': READ,
  'GET detail': READ,
  'GET rows': READ,
  'GET events': READ,
  'GET export': READ,
  // prettier-ignore
  'POST upload': { ...DENIED, viewer: 403, editor: 201, approver: 201, admin: 201, 'admin, read-only token': 403, 'viewer, token with write+review': 403, 'editor session': 201, 'approver session': 201 },
  // prettier-ignore
  'POST review': { ...DENIED, viewer: 403, editor: 403, approver: 200, admin: 200, 'admin, read-only token': 403, 'viewer, token with write+review': 403, 'editor session': 403, 'approver session': 200 },
  // prettier-ignore
  'POST event': { ...DENIED, viewer: 403, editor: 403, approver: 201, admin: 201, 'admin, read-only token': 403, 'viewer, token with write+review': 403, 'editor session': 403, 'approver session': 201 },
}

for (const { route, send: request } of ROUTES) {
  for (const caller of Object.keys(CALLERS) as Caller[]) {
    const expected = EXPECTED[route][caller]
    test(`${on} ${route} as ${caller} → ${expected}`, async () => {
      assert.equal(await request(caller), expected)
    })
  }
}

test(`${on} refused calls wrote nothing: no uploads, drafts still drafts, only permitted exports and notes in the history`, async () => {
  for (const caller of Object.keys(CALLERS) as Caller[]) {
    const list = await call(server, 'GET', `/api/plans/input_sets/up-${slug(caller)}`, { headers: CALLERS.admin })
    assert.equal(list.status, EXPECTED['POST upload'][caller] === 201 ? 200 : 404, `up-${slug(caller)} (${caller})`)
    const rv = await call(server, 'GET', `/api/plans/input_sets/rv-${slug(caller)}`, { headers: CALLERS.admin })
    assert.equal(rv.body.revision.status, EXPECTED['POST review'][caller] === 200 ? 'ready' : 'draft', `rv-${slug(caller)} (${caller})`)
  }
  const history = (await listEvents(reader, 'shared')).events
  assert.equal(history.filter((e) => e.action === 'export').length, Object.values(READ).filter((s) => s === 200).length)
  const notes = history.filter((e) => e.action === 'note').map((e) => e.comment)
  assert.deepEqual(
    notes.sort(),
    (Object.keys(CALLERS) as Caller[])
      .filter((c) => EXPECTED['POST event'][c] === 201)
      .map((c) => `note by ${slug(c)}`)
      .sort(),
  )
})

test(`${on} the actor of a write is the caller: token owner or signed-in user, never anyone else`, async () => {
  const [viaToken] = (await listEvents(reader, `up-${slug('editor')}`, 1)).events
  assert.deepEqual([viaToken.actor, viaToken.actor_kind], [users.editor.email, 'token'])
  const [viaSession] = (await listEvents(reader, `up-${slug('editor session')}`, 1)).events
  assert.deepEqual([viaSession.actor, viaSession.actor_kind], [users.editor.email, 'user'])
  const [approval] = (await listEvents(reader, `rv-${slug('approver session')}`, 1)).events
  assert.deepEqual([approval.action, approval.actor, approval.actor_kind], ['approve', users.approver.email, 'user'])
})

test(`${on} a signed-in browser's write from another site is refused (403 cross_site); tokens are not affected`, async () => {
  await runImport(memoryBundle(validFiles()), { label: 'csrf', actor: planner })
  const foreign = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
  const viaCookie = await call(server, 'POST', '/api/plans/input_sets/csrf/review', {
    headers: { ...CALLERS['approver session'], ...foreign },
    json: { action: 'approve' },
  })
  assert.deepEqual([viaCookie.status, viaCookie.body.error.code], [403, 'cross_site'])
  const sameSite = await call(server, 'POST', '/api/plans/input_sets/csrf/review', {
    headers: { ...CALLERS['approver session'], origin: server.url },
    json: { action: 'archive', comment: 'retired' },
  })
  assert.equal(sameSite.status, 200)
  const viaToken = await call(server, 'POST', '/api/plans/input_sets/csrf/review', { headers: { ...CALLERS.admin, ...foreign }, json: { action: 'restore' } })
  assert.equal(viaToken.status, 200)
})

test(`${on} 401 and 403 bodies say why, with WWW-Authenticate on 401 and no internals`, async () => {
  const none = await call(server, 'GET', '/api/plans/input_sets')
  assert.deepEqual([none.body.error.code, none.headers.get('www-authenticate')], ['unauthorized', 'Bearer'])
  const malformed = await call(server, 'GET', '/api/plans/input_sets', { headers: CALLERS['malformed header'] })
  assert.match(malformed.body.error.message, /Malformed Authorization header/)
  const role = await call(server, 'POST', '/api/plans/input_sets/shared/review', { headers: CALLERS.editor, json: { action: 'approve' } })
  assert.deepEqual([role.body.error.code, role.body.error.details.scope], ['forbidden', 'input_sets:review'])
  assert.match(role.body.error.message, /'input_sets:review' scope, which the editor role does not grant/)
  const scope = await call(server, 'POST', '/api/plans/input_sets/shared/review', { headers: CALLERS['admin, read-only token'], json: { action: 'approve' } })
  assert.match(scope.body.error.message, /which this token does not grant/)
})
