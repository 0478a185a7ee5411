// Sign-in page helpers and which hosts next-auth may derive its URL from. Pure: no database.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { resetEnvCache } from '../env'
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath, signInErrorMessage } from './login-page'
import { untrustedHostProblem } from './site-url'

test('after sign-in only paths on this site are followed', () => {
  assert.equal(safeCallbackPath('/ui/plans/input_sets?status=draft'), '/ui/plans/input_sets?status=draft')
  assert.equal(safeCallbackPath('http://localhost:4123/ui/plans/input_sets/x'), '/ui/plans/input_sets/x')
  for (const bad of [undefined, '', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'ui/x', '/login?callbackUrl=/x']) {
    assert.equal(safeCallbackPath(bad), DEFAULT_AFTER_SIGN_IN, String(bad))
  }
})

test('sign-in errors map to fixed messages; wrong password and unknown email are one message', () => {
  assert.equal(signInErrorMessage(null), null)
  assert.equal(signInErrorMessage('CredentialsSignin'), 'Email or password is incorrect.')
  assert.match(signInErrorMessage('SignInLocked') ?? '', /Too many failed/)
  assert.equal(signInErrorMessage('<script>alert(1)</script>'), 'Sign-in failed. Please try again.')
})

test('without NEXTAUTH_URL next-auth may use loopback hosts on any port, and no other host', () => {
  delete process.env.NEXTAUTH_URL
  delete process.env.AUTH_TRUST_HOST
  resetEnvCache()
  for (const host of ['localhost:3000', 'localhost:4123', '127.0.0.1:8080', '[::1]:3000', 'hub.localhost']) {
    assert.equal(untrustedHostProblem(new Headers({ host })), null, host)
  }
  // Next.js fills X-Forwarded-Host in with the Host header when a request has none.
  assert.equal(untrustedHostProblem(new Headers({ host: 'localhost:3000', 'x-forwarded-host': 'localhost:3000', 'x-forwarded-proto': 'http' })), null)
  const untrusted: Record<string, string>[] = [
    { host: 'hub.example.com' },
    { host: '10.0.0.5:3000' },
    { host: 'localhost:3000', 'x-forwarded-host': 'evil.example' },
  ]
  for (const headers of untrusted) {
    const problem = untrustedHostProblem(new Headers(headers))
    assert.ok(problem, JSON.stringify(headers))
    assert.match(problem.hint, /NEXTAUTH_URL/, JSON.stringify(headers))
    assert.doesNotMatch(problem.message, /NEXTAUTH_URL/, 'the client is not told about server settings')
  }
  assert.match(untrustedHostProblem(new Headers({ host: 'hub.example.com' }))?.message ?? '', /host 'hub\.example\.com'/)
  assert.match(untrustedHostProblem(new Headers({ host: 'localhost:3000', 'x-forwarded-host': 'evil.example' }))?.message ?? '', /x-forwarded-host/)
  assert.equal(process.env.AUTH_TRUST_HOST, 'true', 'next-auth is told to use the checked host')
})

test('with NEXTAUTH_URL every request is served: next-auth uses that URL, not the Host header', () => {
  process.env.NEXTAUTH_URL = 'https://hub.example.com'
  resetEnvCache()
  try {
    assert.equal(untrustedHostProblem(new Headers({ host: '10.0.0.5:3000' })), null)
  } finally {
    delete process.env.NEXTAUTH_URL
    resetEnvCache()
  }
})
