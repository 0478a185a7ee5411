// authenticate(): bearer tokens, the next-auth session cookie, and what is refused — on the
// database selected by TEST_DB. Session cookies are minted with next-auth's own encoder.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, test } from 'node:test'
import { encode } from 'next-auth/jwt'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { resetEnvCache } from '../env'
import { ForbiddenError, UnauthorizedError } from '../errors'
import { cliActor } from '../input-sets/actor'
import { ROLE_SCOPES } from './principal'
import { authenticate, requirePrincipal } from './request-auth'
import { authSecret, authSecretFile } from './secret'
import { createApiToken } from './tokens'
import { signOutEverywhere } from './session-version'
import { createUser, findUserRow, setUserDisabled, setUserPassword, setUserRole } from './users'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const ops = cliActor('ops')
const viewer = await createUser({ email: 'viewer@example.com', role: 'viewer' }, ops)
const approver = await createUser({ email: 'approver@example.com', role: 'approver' }, ops)
const { secret: approverToken } = await createApiToken({ userEmail: approver.email, scopes: 'input_sets:read,input_sets:review' }, ops)

/** A session cookie value as next-auth issues it at sign-in: naming the user's current session version. */
async function sessionFor(user: { id: number; email: string }, o: { maxAge?: number; secret?: string; email?: string } = {}): Promise<string> {
  const sv = (await findUserRow({ id: user.id }))!.sessionVersion
  return encode({ token: { sub: String(user.id), email: o.email ?? user.email, sv }, secret: o.secret ?? authSecret(), maxAge: o.maxAge })
}
const cookieOf = (token: string) => request({ cookie: `next-auth.session-token=${token}` })
const request = (headers: Record<string, string>) => new Request('http://localhost:3000/api/plans/input_sets', { headers })

after(() => {
  delete process.env.AUTH_SECRET
  resetEnvCache()
})

test(`${on} without AUTH_SECRET the session key is generated once into DATA_DIR/auth-secret, mode 0600`, () => {
  const key = authSecret()
  assert.ok(key.length >= 32)
  assert.equal(fs.statSync(authSecretFile()).mode & 0o777, 0o600)
  assert.equal(fs.readFileSync(authSecretFile(), 'utf8').trim(), key)
  assert.equal(authSecret(), key)
})

test(`${on} a bearer token authenticates as a token principal: its scopes ∩ the owner's role`, async () => {
  const p = await authenticate(request({ authorization: `Bearer ${approverToken}` }))
  assert.deepEqual(
    [p?.via, p?.role, p?.actor.kind, p?.actor.id, p?.scopes],
    ['token', 'approver', 'token', `user:${approver.id}`, ['input_sets:read', 'input_sets:review']],
  )
  assert.equal((await authenticate(request({ authorization: `bearer   ${approverToken}` })))?.via, 'token', 'scheme is case-insensitive')
})

test(`${on} a malformed Authorization header is an UnauthorizedError; a well-formed unknown token is null`, async () => {
  for (const header of ['', 'Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${approverToken} extra`, `Token ${approverToken}`]) {
    await assert.rejects(authenticate(request({ authorization: header })), (e) => e instanceof UnauthorizedError && e.code === 'unauthorized', header)
  }
  assert.equal(await authenticate(request({ authorization: 'Bearer phk_unknown' })), null)
  assert.equal(await authenticate(request({ authorization: 'Bearer abc.def' })), null)
})

test(`${on} the session cookie authenticates as the user with every scope of the role`, async () => {
  const token = await sessionFor(viewer)
  const p = await authenticate(request({ cookie: `theme=dark; next-auth.session-token=${token}` }))
  assert.deepEqual(p, { actor: { kind: 'user', id: `user:${viewer.id}`, name: viewer.email }, role: 'viewer', scopes: ROLE_SCOPES.viewer, via: 'session' })
  assert.equal((await authenticate(request({ cookie: `__Secure-next-auth.session-token=${token}` })))?.via, 'session')
  const chunked = `next-auth.session-token.0=${token.slice(0, 100)}; next-auth.session-token.1=${token.slice(100)}`
  assert.equal((await authenticate(request({ cookie: chunked })))?.actor.id, `user:${viewer.id}`)
})

test(`${on} a user acts under one identity whether by session or token (four-eyes sees one person)`, async () => {
  const bySession = await authenticate(request({ cookie: `next-auth.session-token=${await sessionFor(approver)}` }))
  const byToken = await authenticate(request({ authorization: `Bearer ${approverToken}` }))
  assert.equal(bySession?.actor.id, byToken?.actor.id)
})

test(`${on} no credentials, a forged, expired or mismatched session, or a disabled user → null`, async () => {
  assert.equal(await authenticate(request({})), null)
  const good = await sessionFor(viewer)
  const forged = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA')
  assert.equal(await authenticate(request({ cookie: `next-auth.session-token=${forged}` })), null)
  assert.equal(await authenticate(request({ cookie: `next-auth.session-token=${await sessionFor(viewer, { maxAge: -60 })}` })), null)
  const otherKey = await sessionFor(viewer, { secret: 'x'.repeat(40) })
  assert.equal(await authenticate(request({ cookie: `next-auth.session-token=${otherKey}` })), null)
  const wrongEmail = await sessionFor(viewer, { email: 'someone@example.com' })
  assert.equal(await authenticate(request({ cookie: `next-auth.session-token=${wrongEmail}` })), null)
  await setUserDisabled(viewer.email, true, ops)
  assert.equal(await authenticate(request({ cookie: `next-auth.session-token=${good}` })), null)
  await setUserDisabled(viewer.email, false, ops)
  // Enabling the account again does not bring back the sessions that disabling ended.
  assert.equal(await authenticate(request({ cookie: `next-auth.session-token=${good}` })), null)
  assert.ok(await authenticate(cookieOf(await sessionFor(viewer))))
})

test(`${on} sign-out, a new password and a role change end every earlier session of the user, and only theirs`, async () => {
  const user = await createUser({ email: 'sessions@example.com', role: 'editor' }, ops)
  const other = await sessionFor(approver)
  for (const end of [
    () => signOutEverywhere(user.id, { kind: 'user', id: `user:${user.id}`, name: user.email }),
    () => setUserPassword(user.email, 'a-new-long-password-42', ops),
    () => setUserRole(user.email, 'viewer', ops),
  ]) {
    const before = await sessionFor(user)
    assert.ok(await authenticate(cookieOf(before)))
    await end()
    assert.equal(await authenticate(cookieOf(before)), null)
    assert.ok(await authenticate(cookieOf(await sessionFor(user))), 'a session issued afterwards works')
  }
  assert.ok(await authenticate(cookieOf(other)), "another user's session is untouched")
})

test(`${on} a session cookie that names no session version (issued before versions existed) is refused`, async () => {
  const legacy = await encode({ token: { sub: String(viewer.id), email: viewer.email }, secret: authSecret() })
  assert.equal(await authenticate(cookieOf(legacy)), null)
})

test(`${on} a bearer header is judged alone: a bad token with a valid cookie is still null`, async () => {
  const cookie = `next-auth.session-token=${await sessionFor(viewer)}`
  assert.equal(await authenticate(request({ authorization: 'Bearer phk_revoked', cookie })), null)
})

test(`${on} requirePrincipal: none → UnauthorizedError; a scope the role lacks → ForbiddenError`, async () => {
  await assert.rejects(requirePrincipal(request({})), UnauthorizedError)
  const cookie = `next-auth.session-token=${await sessionFor(viewer)}`
  assert.equal((await requirePrincipal(request({ cookie }), 'input_sets:read')).role, 'viewer')
  await assert.rejects(requirePrincipal(request({ cookie }), 'input_sets:write'), (e) => e instanceof ForbiddenError && /viewer role/.test(e.message))
  await assert.rejects(
    requirePrincipal(request({ authorization: `Bearer ${approverToken}` }), 'plans:write'),
    (e) => e instanceof ForbiddenError && /this token/.test(e.message),
  )
})

test(`${on} with AUTH_SECRET set, sessions are keyed by it (several instances share one key)`, async () => {
  process.env.AUTH_SECRET = 's'.repeat(48)
  resetEnvCache()
  assert.equal(authSecret(), 's'.repeat(48))
  const token = await sessionFor(viewer, { secret: 's'.repeat(48) })
  assert.equal((await authenticate(request({ cookie: `next-auth.session-token=${token}` })))?.role, 'viewer')
})
