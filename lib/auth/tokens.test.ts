// API tokens (docs/accounts.md, "API tokens"): hashed, scoped, expiring, revocable — on the
// database selected by TEST_DB.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { getSql } from '../db/sql'
import { ConflictError, InvalidError, NotFoundError } from '../errors'
import { cliActor } from '../input-sets/actor'
import { listAuditEvents } from './audit'
import { createApiToken, hashTokenSecret, listApiTokens, parseExpiry, parseScopes, revokeApiToken, verifyApiToken } from './tokens'
import { createUser, setUserDisabled, setUserRole } from './users'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const ops = cliActor('ops')
const editor = await createUser({ email: 'editor@example.com', role: 'editor' }, ops)

test(`${on} a token is shown once as phk_…, verifies to its owner, and carries only scopes its role allows`, async () => {
  const { token, secret } = await createApiToken({ userEmail: 'Editor@example.com', name: 'ci', scopes: 'input_sets:read,input_sets:review' }, ops)
  assert.match(secret, /^phk_[A-Za-z0-9_-]{43}$/)
  assert.equal(token.prefix, secret.slice(0, 12))
  assert.deepEqual([token.scopes, token.effective_scopes, token.status], [['input_sets:read', 'input_sets:review'], ['input_sets:read'], 'active'])
  const principal = await verifyApiToken(secret)
  assert.deepEqual(principal, {
    actor: { kind: 'token', id: `user:${editor.id}`, name: 'editor@example.com' },
    role: 'editor',
    scopes: ['input_sets:read'],
    via: 'token',
  })
  await setUserRole('editor@example.com', 'approver', ops)
  assert.deepEqual((await verifyApiToken(secret))?.scopes, ['input_sets:read', 'input_sets:review'], 'a role change applies at once')
  await setUserRole('editor@example.com', 'editor', ops)
})

test(`${on} only the SHA-256 of the secret is stored: the secret appears in no column`, async () => {
  const { token, secret } = await createApiToken({ userEmail: 'editor@example.com', scopes: ['input_sets:read'] }, ops)
  const rows = await getSql().withConnection((c) => c.all<Record<string, unknown>>('SELECT * FROM api_token'))
  const row = rows.find((r) => Number(r.id) === token.id)!
  assert.equal(row.secret_hash, hashTokenSecret(secret))
  const hidden = secret.slice(12)
  for (const r of rows) {
    for (const [column, value] of Object.entries(r)) {
      assert.ok(!String(value).includes(secret) && !String(value).includes(hidden), `api_token.${column} holds the secret`)
    }
  }
  const audit = await getSql().withConnection((c) => c.all<{ metadata_json: string | null }>('SELECT metadata_json FROM audit_event'))
  assert.ok(
    audit.every((a) => !(a.metadata_json ?? '').includes(hidden)),
    'nor does any audit event',
  )
})

test(`${on} creating and revoking write token.create and token.revoke audit events with the actor`, async () => {
  const { token } = await createApiToken({ userEmail: 'editor@example.com', name: 'audited', scopes: 'input_sets:read', expiresAt: parseExpiry('30d') }, ops)
  await revokeApiToken(token.prefix, cliActor('sec-team'))
  const events = await listAuditEvents({ subject: `token:${token.prefix}` })
  assert.deepEqual(
    events.map((e) => [e.action, e.actor, e.metadata?.user, e.metadata?.name]),
    [
      ['token.revoke', 'sec-team', 'editor@example.com', 'audited'],
      ['token.create', 'ops', 'editor@example.com', 'audited'],
    ],
  )
  assert.deepEqual(events[1].metadata?.scopes, ['input_sets:read'])
})

test(`${on} two concurrent revokes: exactly one wins, the other is a conflict; the token no longer verifies`, async () => {
  const { token, secret } = await createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read' }, ops)
  assert.ok(await verifyApiToken(secret))
  const results = await Promise.allSettled([revokeApiToken(token.prefix, ops), revokeApiToken(String(token.id), ops)])
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  assert.ok(lost.reason instanceof ConflictError)
  assert.match(lost.reason.message, /already revoked/)
  assert.equal(await verifyApiToken(secret), null)
  assert.equal((await listAuditEvents({ subject: `token:${token.prefix}` })).filter((e) => e.action === 'token.revoke').length, 1)
})

test(`${on} an expired token does not verify; a disabled owner's tokens stop and resume with the account`, async () => {
  const now = new Date()
  const { secret } = await createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read', expiresAt: new Date(now.getTime() + 60_000) }, ops)
  assert.ok(await verifyApiToken(secret, now))
  assert.equal(await verifyApiToken(secret, new Date(now.getTime() + 60_000)), null)
  const live = await createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read' }, ops)
  await setUserDisabled('editor@example.com', true, ops)
  assert.equal(await verifyApiToken(live.secret), null)
  await assert.rejects(createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read' }, ops), ConflictError)
  await setUserDisabled('editor@example.com', false, ops)
  assert.ok(await verifyApiToken(live.secret))
})

test(`${on} look-alike, unknown and malformed secrets verify to null`, async () => {
  const { secret } = await createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read' }, ops)
  const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A')
  for (const candidate of [flipped, secret.slice(0, 20), `${secret}x`, '', 'phk_', hashTokenSecret(secret)]) {
    assert.equal(await verifyApiToken(candidate), null, candidate)
  }
})

test(`${on} last_used_at is written on use, at most once a minute`, async () => {
  const { token, secret } = await createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read' }, ops)
  const lastUsed = async () => (await listApiTokens({ userEmail: 'editor@example.com' })).find((t) => t.id === token.id)!.last_used_at
  assert.equal(await lastUsed(), null)
  const t0 = new Date()
  await verifyApiToken(secret, t0)
  assert.equal(await lastUsed(), t0.toISOString())
  await verifyApiToken(secret, new Date(t0.getTime() + 30_000))
  assert.equal(await lastUsed(), t0.toISOString())
  const t1 = new Date(t0.getTime() + 61_000)
  await verifyApiToken(secret, t1)
  assert.equal(await lastUsed(), t1.toISOString())
})

test(`${on} revoking by the full secret works and never echoes it; unknown tokens are not found`, async () => {
  const { token, secret } = await createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read' }, ops)
  assert.equal((await revokeApiToken(secret, ops)).id, token.id)
  const again = await revokeApiToken(secret, ops).catch((e: unknown) => e)
  assert.ok(again instanceof ConflictError && !again.message.includes(secret.slice(12)))
  await assert.rejects(revokeApiToken('phk_nothere0', ops), NotFoundError)
  await assert.rejects(revokeApiToken('99999', ops), NotFoundError)
})

test(`${on} scopes and expiry are validated; the owner must exist`, async () => {
  assert.deepEqual(parseScopes('input_sets:write, input_sets:read'), ['input_sets:read', 'input_sets:write'])
  assert.throws(() => parseScopes('input_sets:read,admin:all'), InvalidError)
  assert.throws(() => parseScopes(' , '), InvalidError)
  const now = new Date('2026-03-01T12:00:00Z')
  assert.equal(parseExpiry('30d', now).toISOString(), '2026-03-31T12:00:00.000Z')
  assert.equal(parseExpiry('2027-01-01', now).toISOString(), '2027-01-01T00:00:00.000Z')
  for (const bad of ['2026-02-01', '0d', 'tomorrow', '2027-13-45']) assert.throws(() => parseExpiry(bad, now), InvalidError, bad)
  await assert.rejects(createApiToken({ userEmail: 'nobody@example.com', scopes: 'input_sets:read' }, ops), NotFoundError)
  await assert.rejects(createApiToken({ userEmail: 'editor@example.com', scopes: 'input_sets:read', expiresAt: new Date(0) }, ops), InvalidError)
})

test(`${on} listing shows status and prefix per token, filtered by owner, and never a secret`, async () => {
  await createUser({ email: 'viewer@example.com', role: 'viewer' }, ops)
  const { secret } = await createApiToken({ userEmail: 'viewer@example.com', name: 'dash', scopes: 'metrics:read' }, ops)
  const listed = await listApiTokens({ userEmail: 'viewer@example.com' })
  assert.deepEqual(
    listed.map((t) => [t.name, t.status, t.prefix]),
    [['dash', 'active', secret.slice(0, 12)]],
  )
  const all = await listApiTokens()
  assert.ok(all.some((t) => t.status === 'revoked' && t.revoked_at !== null))
  assert.ok(!JSON.stringify(all).includes(secret.slice(12)))
})
