// Security properties of the production build over HTTP (docs/security.md): security headers on
// pages and API answers, session cookies HttpOnly + SameSite=Lax (and Secure with __Secure- names
// behind TLS), and every server action (each form's POST target) refused from another origin with
// nothing written.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { bearer, PASSWORD, signIn, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, validFiles } from './helpers/bundles'
import { ROOT } from './helpers/cli'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { count } from './helpers/input-sets'
import { startServer, type TestServer } from './helpers/server'
import { cliActor } from '../lib/input-sets/actor'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
await runImport(memoryBundle(validFiles()), { label: 'guarded', actor: cliActor('planner') })

test(`${on} pages and API answers carry CSP with frame-ancestors 'none', nosniff, a referrer and a permissions policy`, async () => {
  const viewer = bearer(users.viewer.token)
  for (const [p, headers] of [['/login', {}], ['/ui/plans/input_sets', {}], ['/api/health', {}], ['/api/plans/input_sets', viewer]] as const) {
    const res = await server.fetch(p, { headers, redirect: 'manual' })
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /frame-ancestors 'none'/, p)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p)
    assert.ok(res.headers.get('referrer-policy'), p)
    assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/, p)
    // API answers and redirects (a portal page without a session) render nothing, so they allow nothing.
    if (p.startsWith('/api') || (res.status >= 300 && res.status < 400)) assert.match(csp, /default-src 'none'/, p)
    else {
      assert.match(csp, /default-src 'self'/, p)
      assert.match(csp, /object-src 'none'/, p)
    }
  }
})

test(`${on} a page's scripts run by a fresh nonce, never 'unsafe-inline'; every inline script carries it`, async () => {
  const nonces = new Set<string>()
  for (let i = 0; i < 2; i++) {
    const res = await server.fetch('/login')
    const csp = res.headers.get('content-security-policy') ?? ''
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? ''
    assert.doesNotMatch(scriptSrc, /unsafe-inline/)
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1]
    assert.ok(nonce, csp)
    nonces.add(nonce)
    const html = await res.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
    assert.ok(scripts.length > 0)
    for (const attrs of scripts) assert.ok(attrs.includes(`nonce="${nonce}"`), `script without the nonce: <script${attrs}>`)
  }
  assert.equal(nonces.size, 2, 'each response has its own nonce')
})

/** The Set-Cookie lines of a credentials sign-in against `server`. */
async function signInCookies(target: TestServer, email: string): Promise<string[]> {
  const csrf = await target.fetch('/api/auth/csrf')
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const res = await target.fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: 'true' }),
    redirect: 'manual',
  })
  return [...csrf.headers.getSetCookie(), ...res.headers.getSetCookie()]
}

test(`${on} the session cookie is HttpOnly and SameSite=Lax; an https site makes it Secure with the __Secure- name and sends HSTS`, async () => {
  const plain = (await signInCookies(server, users.viewer.email)).find((c) => c.startsWith('next-auth.session-token='))
  assert.ok(plain, 'a session cookie is set')
  assert.match(plain, /;\s*HttpOnly/i)
  assert.match(plain, /;\s*SameSite=Lax/i)
  assert.doesNotMatch(plain, /;\s*Secure/i, 'plain http cannot carry a Secure cookie')
  assert.equal((await server.fetch('/login')).headers.get('strict-transport-security'), null, 'no HSTS on plain http')

  const tls = await startServer({ NEXTAUTH_URL: 'https://hub.example.test' })
  const cookies = await signInCookies(tls, users.viewer.email)
  const secure = cookies.find((c) => c.startsWith('__Secure-next-auth.session-token='))
  assert.ok(secure, `a __Secure- session cookie is set: ${cookies.map((c) => c.split('=')[0]).join(', ')}`)
  assert.match(secure, /;\s*Secure/i)
  assert.match(secure, /;\s*HttpOnly/i)
  assert.match(secure, /;\s*SameSite=Lax/i)
  assert.ok(cookies.some((c) => c.startsWith('__Host-next-auth.csrf-token=') && /;\s*Secure/i.test(c)), 'the CSRF cookie is __Host- and Secure')
  assert.match((await tls.fetch('/login')).headers.get('strict-transport-security') ?? '', /max-age=31536000/)
})

/** Every server action of the build, with a page path that renders it ([label] → a real label). */
function serverActions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>
  }
  return Object.entries(manifest.node).map(([id, action]) => {
    const worker = Object.keys(action.workers)[0]
    return { id, name: action.exportedName ?? id, page: worker.replace(/^app/, '').replace(/\/page$/, '').replace('[label]', 'guarded').replace('[id]', '1') }
  })
}

test(`${on} every server action is refused from another origin, and nothing is written`, async () => {
  const actions = serverActions()
  assert.ok(actions.length >= 4, `found ${actions.map((a) => a.name).join(', ')}`)
  const cookie = await signIn(server, users.admin.email)
  const tables = ['input_set', 'input_set_revision', 'input_set_event', 'plan', 'run', 'diff_job']
  const before = await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)))
  for (const action of actions) {
    const form = new FormData()
    for (const [k, v] of Object.entries({ label: 'guarded', revision: '1', action: 'approve', comment: 'forged', against: 'guarded', config_version_id: '1', input_set_label: 'guarded' })) form.append(k, v)
    const res = await server.fetch(action.page, { method: 'POST', headers: { cookie, 'next-action': action.id, origin: 'https://evil.example' }, body: form })
    assert.ok(res.status >= 400, `${action.name} on ${action.page} answered ${res.status}`)
  }
  assert.deepEqual(await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`))), before)
  assert.equal(await count(`SELECT COUNT(*) AS n FROM input_set_revision WHERE status = 'draft'`), 1, 'the draft was not approved')
  const refusals = server.log().match(/Invalid Server Actions request/g)?.length ?? 0
  assert.ok(refusals >= actions.length, `${refusals} refusals logged for ${actions.length} actions`)
})
