// Users, sign-in and its throttling (docs/accounts.md, "Limits and audit"), on the database
// selected by TEST_DB.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { test } from 'node:test'
import { count } from '../../test/helpers/input-sets'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { getSql } from '../db/sql'
import { ConflictError, InvalidError, UnauthorizedError } from '../errors'
import { cliActor } from '../input-sets/actor'
import { listAuditEvents } from './audit'
import { ensureInitialAdmin, initialAdminPasswordFile, INITIAL_ADMIN_EMAIL } from './initial-admin'
import { INVALID_CREDENTIALS, verifyCredentials } from './sign-in'
import { userForSsoSignIn } from './sso'
import { LOCK_MS } from './throttle'
import { createUser, findUserByEmail, setUserDisabled, setUserPassword, setUserRole } from './users'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const admin = cliActor('root')
const PASSWORD = 'granite-harbor-58'

const failure = (code: string) => (err: unknown) => err instanceof UnauthorizedError && err.code === code

test(`${on} createUser stores the email lowercased, refuses duplicates in any case, and writes user.create`, async () => {
  const user = await createUser({ email: '  Ana.Ortiz@Example.COM ', role: 'editor', password: PASSWORD }, admin)
  assert.deepEqual([user.email, user.name, user.role, user.has_password], ['ana.ortiz@example.com', 'ana.ortiz', 'editor', true])
  await assert.rejects(createUser({ email: 'ANA.ORTIZ@example.com', role: 'viewer', password: PASSWORD }, admin), ConflictError)
  await assert.rejects(createUser({ email: 'not-an-email', role: 'viewer' }, admin), InvalidError)
  await assert.rejects(createUser({ email: 'x@example.com', role: 'owner' }, admin), InvalidError)
  const [event] = await listAuditEvents({ subject: 'user:ana.ortiz@example.com' })
  assert.deepEqual([event.action, event.actor, event.metadata], ['user.create', 'root', { role: 'editor', sso_only: false }])
  assert.equal((await findUserByEmail('Ana.Ortiz@example.com'))?.id, user.id)
})

test(`${on} the database itself refuses an uppercase email and an unknown role`, async () => {
  const insert = (email: string, role: string) =>
    getSql().transaction((c) => c.run('INSERT INTO app_user (email, name, role, created_at) VALUES (?, ?, ?, ?)', [email, 'n', role, new Date()]))
  await assert.rejects(insert('Upper@example.com', 'viewer'))
  await assert.rejects(insert('lower@example.com', 'owner'))
})

test(`${on} the right password signs in; unknown user and wrong password get the same error`, async () => {
  const user = await verifyCredentials({ email: 'ANA.ORTIZ@example.com', password: PASSWORD, ip: '10.0.0.1' })
  assert.equal(user.email, 'ana.ortiz@example.com')
  const wrong = await verifyCredentials({ email: 'ana.ortiz@example.com', password: 'not-the-password', ip: '10.0.0.1' }).catch((e: unknown) => e)
  const unknown = await verifyCredentials({ email: 'nobody@example.com', password: PASSWORD, ip: '10.0.0.1' }).catch((e: unknown) => e)
  assert.ok(wrong instanceof UnauthorizedError && unknown instanceof UnauthorizedError)
  assert.deepEqual([wrong.code, wrong.message, wrong.details], [unknown.code, unknown.message, unknown.details])
  assert.equal(wrong.message, INVALID_CREDENTIALS)
  const events = await listAuditEvents({ subject: 'email:nobody@example.com' })
  assert.deepEqual(
    events.map((e) => [e.action, e.actor_kind, e.metadata?.reason]),
    [['sign_in.failed', 'system', 'unknown_user']],
  )
})

test(`${on} five failures lock the account for 15 minutes, even for the right password; sign_in.locked is written once`, async () => {
  await createUser({ email: 'ben@example.com', role: 'viewer', password: PASSWORD }, admin)
  const t0 = new Date()
  for (let i = 0; i < 5; i++) {
    await assert.rejects(verifyCredentials({ email: 'ben@example.com', password: `guess-number-${i}` }, t0), failure('invalid_credentials'))
  }
  const locked = await verifyCredentials({ email: 'ben@example.com', password: PASSWORD }, t0).catch((e: unknown) => e)
  assert.ok(locked instanceof UnauthorizedError && locked.code === 'sign_in_locked')
  assert.deepEqual(locked.details, { retry_after_seconds: LOCK_MS / 1000 })
  await assert.rejects(verifyCredentials({ email: 'ben@example.com', password: PASSWORD }, new Date(t0.getTime() + LOCK_MS - 1000)), failure('sign_in_locked'))
  const later = new Date(t0.getTime() + LOCK_MS + 1000)
  assert.equal((await verifyCredentials({ email: 'ben@example.com', password: PASSWORD }, later)).email, 'ben@example.com')
  const events = await listAuditEvents({ subject: 'email:ben@example.com' })
  assert.equal(events.filter((e) => e.action === 'sign_in.failed').length, 5)
  assert.equal(events.filter((e) => e.action === 'sign_in.locked').length, 1)
})

test(`${on} an unknown email is locked the same way, so a lock reveals nothing about accounts`, async () => {
  for (let i = 0; i < 5; i++) await assert.rejects(verifyCredentials({ email: 'ghost@example.com', password: PASSWORD }), failure('invalid_credentials'))
  await assert.rejects(verifyCredentials({ email: 'ghost@example.com', password: PASSWORD }), failure('sign_in_locked'))
})

test(`${on} parallel guesses cannot pass the limit: of ten at once exactly five are checked`, async () => {
  await createUser({ email: 'cara@example.com', role: 'viewer', password: PASSWORD }, admin)
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => verifyCredentials({ email: 'cara@example.com', password: `parallel-${i}-guess` })))
  const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as UnauthorizedError).code : 'ok')).sort()
  assert.deepEqual(codes, [...Array(5).fill('invalid_credentials'), ...Array(5).fill('sign_in_locked')])
  assert.equal(await count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'sign_in.locked' AND subject = 'email:cara@example.com'"), 1)
})

test(`${on} twenty failures from one address lock that address for every account`, async () => {
  const ip = '192.0.2.7'
  await createUser({ email: 'dev@example.com', role: 'viewer', password: PASSWORD }, admin)
  for (let u = 0; u < 5; u++) {
    for (let i = 0; i < 4; i++)
      await assert.rejects(verifyCredentials({ email: `spray${u}@example.com`, password: `spray-${i}-guess`, ip }), failure('invalid_credentials'))
  }
  await assert.rejects(verifyCredentials({ email: 'dev@example.com', password: PASSWORD, ip }), failure('sign_in_locked'))
  assert.equal((await verifyCredentials({ email: 'dev@example.com', password: PASSWORD, ip: '192.0.2.8' })).email, 'dev@example.com')
  assert.equal((await listAuditEvents({ subject: `ip:${ip}` }))[0]?.action, 'sign_in.locked')
})

test(`${on} a successful sign-in resets the account's count; successes do not use up the address's`, async () => {
  await createUser({ email: 'eve@example.com', role: 'viewer', password: PASSWORD }, admin)
  const ip = '198.51.100.4'
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 4; i++)
      await assert.rejects(verifyCredentials({ email: 'eve@example.com', password: `typo-${round}-${i}-x`, ip }), failure('invalid_credentials'))
    assert.equal((await verifyCredentials({ email: 'eve@example.com', password: PASSWORD, ip })).email, 'eve@example.com')
  }
  for (let i = 0; i < 21; i++) await verifyCredentials({ email: 'eve@example.com', password: PASSWORD, ip })
})

test(`${on} disabled and SSO-only accounts cannot sign in with a password, and get the generic error`, async () => {
  await setUserDisabled('ben@example.com', true, admin)
  await assert.rejects(
    verifyCredentials({ email: 'ben@example.com', password: PASSWORD }),
    (e) => failure('invalid_credentials')(e) && (e as Error).message === INVALID_CREDENTIALS,
  )
  await setUserDisabled('ben@example.com', false, admin)
  await createUser({ email: 'sso.only@example.com', role: 'viewer' }, admin)
  await assert.rejects(verifyCredentials({ email: 'sso.only@example.com', password: PASSWORD }), failure('invalid_credentials'))
  const reasons = (await listAuditEvents({ subject: 'email:ben@example.com' })).map((e) => e.metadata?.reason)
  assert.equal(reasons[0], 'disabled')
})

test(`${on} an administrator's password reset unlocks the account; role changes are audited with from/to`, async () => {
  for (let i = 0; i < 5; i++) await verifyCredentials({ email: 'dev@example.com', password: `wrong-${i}-attempt` }).catch(() => undefined)
  await assert.rejects(verifyCredentials({ email: 'dev@example.com', password: PASSWORD }), failure('sign_in_locked'))
  await setUserPassword('dev@example.com', 'new-granite-harbor-59', admin)
  assert.equal((await verifyCredentials({ email: 'dev@example.com', password: 'new-granite-harbor-59' })).email, 'dev@example.com')
  await setUserRole('dev@example.com', 'approver', admin)
  const [roleEvent] = await listAuditEvents({ subject: 'user:dev@example.com' })
  assert.deepEqual(roleEvent.metadata, { changed: ['role'], role: { from: 'viewer', to: 'approver' } })
})

test(`${on} SSO maps to an existing user by email; unknown emails are refused unless auto-create names a role`, async () => {
  assert.equal((await userForSsoSignIn('Ana.Ortiz@example.com', 'Ana', undefined))?.email, 'ana.ortiz@example.com')
  assert.equal(await userForSsoSignIn('new.person@example.com', 'New Person', undefined), null)
  const created = await userForSsoSignIn('new.person@example.com', 'New Person', 'viewer')
  assert.deepEqual([created?.role, created?.has_password, created?.name], ['viewer', false, 'New Person'])
  await setUserDisabled('new.person@example.com', true, admin)
  assert.equal(await userForSsoSignIn('new.person@example.com', 'New Person', 'viewer'), null)
})

test(`${on} set-up creates admin@localhost once, with a random password in a file only its owner can read`, async () => {
  const first = await ensureInitialAdmin(cliActor('setup'))
  assert.equal(first.created, true)
  const file = initialAdminPasswordFile()
  assert.equal(fs.statSync(file).mode & 0o777, 0o600)
  const password = fs.readFileSync(file, 'utf8').trim()
  assert.ok(password.length >= 20 && first.message.includes(password) && first.message.includes('/login'))
  assert.equal((await verifyCredentials({ email: INITIAL_ADMIN_EMAIL, password })).role, 'admin')
  const again = await ensureInitialAdmin(cliActor('setup'))
  assert.equal(again.created, false)
  assert.match(again.message, /exists; its initial password is in .*initial-admin-password/)
  assert.equal(fs.readFileSync(file, 'utf8').trim(), password)
})
