// X-Forwarded-For and X-Forwarded-Host against `next start`: ignored unless AUTH_TRUST_HOST=true,
// then believed from the direct peer (no TRUSTED_PROXIES) or only from a listed proxy. Covers the
// sign-in limit per address (lib/auth/throttle.ts) and the same-origin check on session writes.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { signIn, PASSWORD, usersWithTokens } from './helpers/api'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { count } from './helpers/input-sets'
import { startServer, type TestServer } from './helpers/server'
import { MAX_FAILURES } from '../lib/auth/throttle'
import { getSql } from '../lib/db/sql'

await useFreshDatabase()
const on = `[${dbLabel()}]`
// Every server listens on 127.0.0.1, so that is the socket address of every request below.
const plain = await startServer({ AUTH_TRUST_HOST: 'false', TRUSTED_PROXIES: undefined })
const proxied = await startServer({ AUTH_TRUST_HOST: 'true', TRUSTED_PROXIES: undefined })
const listed = await startServer({ AUTH_TRUST_HOST: 'true', TRUSTED_PROXIES: '192.0.2.0/24, 2001:db8::/32' })
const users = await usersWithTokens()
// Valid on every server (one AUTH_SECRET); taken before any address is locked.
const session = await signIn(plain, users.approver.email)

/** One credentials sign-in as the login form makes it: 'signed_in', or next-auth's error name. */
async function attemptSignIn(server: TestServer, email: string, password: string, headers: Record<string, string>): Promise<string> {
  const csrf = await server.fetch('/api/auth/csrf', { headers })
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const res = await server.fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    redirect: 'manual',
  })
  if (res.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token='))) return 'signed_in'
  const { url } = (await res.json()) as { url: string }
  return new URL(url, server.url).searchParams.get('error') ?? `HTTP ${res.status} ${url}`
}

const addressKeys = async (): Promise<string[]> =>
  (await getSql().withConnection((c) => c.all<{ key: string }>(`SELECT key FROM sign_in_throttle WHERE key LIKE 'ip:%' ORDER BY key`))).map((r) => r.key)

const clearThrottle = () => getSql().transaction((c) => c.run('DELETE FROM sign_in_throttle'))

test(`${on} with AUTH_TRUST_HOST=true and no TRUSTED_PROXIES, sign-in counts the right-most X-Forwarded-For entry`, async () => {
  await clearThrottle()
  assert.equal(await attemptSignIn(proxied, 'nobody-1@example.test', 'wrong-password-1', { 'x-forwarded-for': '198.51.100.7' }), 'CredentialsSignin')
  assert.equal(await attemptSignIn(proxied, 'nobody-2@example.test', 'wrong-password-2', { 'x-forwarded-for': '203.0.113.1, 198.51.100.8' }), 'CredentialsSignin')
  assert.deepEqual(await addressKeys(), ['ip:198.51.100.7', 'ip:198.51.100.8'])
})

test(`${on} with TRUSTED_PROXIES that do not list the peer, X-Forwarded-For is ignored and the socket address counts`, async () => {
  await clearThrottle()
  assert.equal(await attemptSignIn(listed, 'nobody-3@example.test', 'wrong-password-3', { 'x-forwarded-for': '198.51.100.9' }), 'CredentialsSignin')
  assert.deepEqual(await addressKeys(), ['ip:127.0.0.1'])
})

test(`${on} without AUTH_TRUST_HOST, ${MAX_FAILURES.ip + 5} wrong passwords with rotating X-Forwarded-For lock the socket address, and another X-Forwarded-For does not unlock it`, async () => {
  await clearThrottle()
  try {
    const answers: string[] = []
    // A new email each time, so that only the address limit can lock.
    for (let i = 1; i <= MAX_FAILURES.ip + 5; i++) {
      answers.push(await attemptSignIn(plain, `nobody-${i}@example.test`, `wrong-password-${i}`, { 'x-forwarded-for': `198.51.100.${i}` }))
    }
    const expected = [...Array<string>(MAX_FAILURES.ip).fill('CredentialsSignin'), ...Array<string>(5).fill('SignInLocked')]
    assert.deepEqual(answers, expected, `attempt ${MAX_FAILURES.ip + 1} and later are refused as locked`)
    assert.deepEqual(await addressKeys(), ['ip:127.0.0.1'], 'no key for any X-Forwarded-For value')
    assert.equal(await count(`SELECT COUNT(*) AS n FROM audit_event WHERE action = 'sign_in.locked' AND subject = 'ip:127.0.0.1'`), 1)

    assert.equal(
      await attemptSignIn(plain, users.viewer.email, PASSWORD, { 'x-forwarded-for': '203.0.113.200' }),
      'SignInLocked',
      'the right password from the locked address',
    )
    assert.equal(await attemptSignIn(plain, users.viewer.email, PASSWORD, {}), 'SignInLocked')
    // Behind a trusted proxy the same socket address is the proxy's: the client named by it is not locked.
    assert.equal(await attemptSignIn(proxied, users.viewer.email, PASSWORD, { 'x-forwarded-for': '203.0.113.200' }), 'signed_in')
  } finally {
    await clearThrottle()
  }
})

/** A session write with a forged Origin; the body is invalid, so a write that gets past the check answers 400. */
const forgedReview = (server: TestServer, headers: Record<string, string>) =>
  server.fetch('/api/plans/input_sets/any-label/review', {
    method: 'POST',
    headers: { cookie: session, 'content-type': 'application/json', origin: 'http://evil.example', ...headers },
    body: JSON.stringify({ action: 'not-an-action' }),
  })

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

test(`${on} without AUTH_TRUST_HOST, a write from Origin evil.example is refused (403 cross_site) even with X-Forwarded-Host: evil.example`, async () => {
  const res = await forgedReview(plain, { 'x-forwarded-host': 'evil.example' })
  assert.equal(res.status, 403)
  assert.equal(await errorCode(res), 'cross_site')
})

test(`${on} with AUTH_TRUST_HOST=true, X-Forwarded-Host from the proxy is the site's host for the same-origin check`, async () => {
  const accepted = await forgedReview(proxied, { 'x-forwarded-host': 'evil.example' })
  assert.equal(accepted.status, 400, 'past the same-origin check, refused for its body')
  assert.equal(await errorCode(accepted), 'invalid')
  const refused = await forgedReview(proxied, {})
  assert.equal(refused.status, 403, 'without the forwarded host the Host header counts')
  assert.equal(await errorCode(refused), 'cross_site')
})

test(`${on} with TRUSTED_PROXIES that do not list the peer, its X-Forwarded-Host is ignored (403 cross_site)`, async () => {
  const res = await forgedReview(listed, { 'x-forwarded-host': 'evil.example' })
  assert.equal(res.status, 403)
  assert.equal(await errorCode(res), 'cross_site')
})
