// /api/docs over HTTP: the reference page renders only for a signed-in user (anyone else goes to
// sign in and comes back), runs its scripts by this response's nonce alone, and loads its
// component from this site (offline machines, no CDN). The browser side is e2e/api-docs.spec.ts.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { test } from 'node:test'
import { bearer, signIn, usersWithTokens } from '../helpers/api'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { REFERENCE_SCRIPT_FILE } from '../../lib/openapi/reference-page'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()

test(`${on} /api/docs without a session redirects to sign-in and back, even with an API token`, async () => {
  for (const headers of [{}, bearer(users.admin.token)]) {
    const res = await server.fetch('/api/docs', { headers, redirect: 'manual' })
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/login?callbackUrl=%2Fapi%2Fdocs')
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/)
  }
})

test(`${on} /api/docs for a signed-in user: one nonce policy, every script carries the nonce, the component comes from this site`, async () => {
  const cookie = await signIn(server, users.viewer.email)
  const nonces = new Set<string>()
  for (let i = 0; i < 2; i++) {
    const res = await server.fetch('/api/docs', { headers: { cookie } })
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
    const policy = res.headers.get('content-security-policy') ?? ''
    assert.doesNotMatch(policy, /default-src 'none'/, 'the API policy must not be sent besides the page policy')
    const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? ''
    assert.doesNotMatch(scriptSrc, /unsafe-inline|https?:/)
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1]
    assert.ok(nonce, policy)
    nonces.add(nonce)
    const html = await res.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
    assert.equal(scripts.length, 2)
    for (const attrs of scripts) assert.ok(attrs.includes(`nonce="${nonce}"`), `<script${attrs}>`)
    assert.deepEqual(
      scripts.flatMap((a) => /src="([^"]+)"/.exec(a)?.[1] ?? []),
      ['/api/docs/scalar.js'],
    )
    assert.match(html, /"url":"\/api\/openapi.json"/)
  }
  assert.equal(nonces.size, 2, 'each response has its own nonce')
})

test(`${on} /api/docs/scalar.js serves the component's browser build as shipped`, async () => {
  const res = await server.fetch('/api/docs/scalar.js')
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/)
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(REFERENCE_SCRIPT_FILE)))
})
