// Password hashing and the password policy. Pure: no database involved.
// npm test: database-free
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { resetEnvCache } from '../env'
import { InvalidError } from '../errors'
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords'

// Next's types make NODE_ENV read-only; tests set it like a deployment would.
const vars = process.env as Record<string, string | undefined>
const savedNodeEnv = vars.NODE_ENV
function withNodeEnv(value: string | undefined, fn: () => void): void {
  vars.NODE_ENV = value
  if (value === undefined) delete vars.NODE_ENV
  resetEnvCache()
  try {
    fn()
  } finally {
    vars.NODE_ENV = savedNodeEnv
    if (savedNodeEnv === undefined) delete vars.NODE_ENV
    resetEnvCache()
  }
}
after(resetEnvCache)

test('a hash verifies its password only, carries its parameters and a per-hash salt', async () => {
  const a = await hashPassword('correct horse battery')
  const b = await hashPassword('correct horse battery')
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
  assert.notEqual(a, b, 'salted: the same password hashes differently')
  assert.equal(await verifyPassword('correct horse battery', a), true)
  assert.equal(await verifyPassword('correct horse batterY', a), false)
  assert.equal(await verifyPassword('', a), false)
})

test('the same password typed in another Unicode form verifies (NFKC)', async () => {
  const hash = await hashPassword('ｐａｓｓ－ｗｏｒｄ－ｌｏｎｇ')
  assert.equal(await verifyPassword('pass-word-long', hash), true)
})

test('malformed or tampered hashes never verify and never throw', async () => {
  const good = await hashPassword('another long secret')
  for (const stored of ['', 'plain', 'scrypt$1$8$1$AA$AA', good.replace('$32768$', '$1048576$').replace('$8$', '$1024$'), good.replace('scrypt', 'bcrypt')]) {
    assert.equal(await verifyPassword('another long secret', stored), false, stored)
  }
})

test('passwords shorter than 10 characters are refused everywhere', () => {
  withNodeEnv('development', () => {
    assert.throws(
      () => checkPasswordPolicy('short-pw1'),
      (e) => e instanceof InvalidError && /at least 10/.test(e.message),
    )
    assert.doesNotThrow(() => checkPasswordPolicy('ten chars!'))
  })
})

test('in production well-known default passwords, one repeated character and the account name are refused', () => {
  withNodeEnv('production', () => {
    for (const weak of ['password123', 'Password123', 'changeme123', 'qwertyuiop', '1234567890', 'aaaaaaaaaaaa', 'administrator']) {
      assert.throws(
        () => checkPasswordPolicy(weak),
        (e) => e instanceof InvalidError && e.code === 'weak_password',
        weak,
      )
    }
    assert.throws(() => checkPasswordPolicy('maria.lopez2024', 'maria.lopez@example.com'), InvalidError)
    assert.doesNotThrow(() => checkPasswordPolicy('tidal-marble-41-orchid', 'maria.lopez@example.com'))
  })
})

test('outside production the well-known list is not applied (seeded demo accounts stay usable)', () => {
  withNodeEnv(undefined, () => assert.doesNotThrow(() => checkPasswordPolicy('password123')))
})
