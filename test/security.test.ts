// Security properties of the production build over HTTP (docs/security.md): security headers on
// pages and API answers, session cookies HttpOnly + SameSite=Lax (and Secure with __Secure- names
// behind TLS), every server action (each form's POST target) refused from another origin with
// 403 and nothing written, and every route (found from app/) answering the methods it does not
// implement with 405 and Allow.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
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
  for (const [p, headers] of [
    ['/login', {}],
    ['/ui/plans/input_sets', {}],
    ['/api/health', {}],
    ['/api/plans/input_sets', viewer],
  ] as const) {
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
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
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
  assert.ok(
    cookies.some((c) => c.startsWith('__Host-next-auth.csrf-token=') && /;\s*Secure/i.test(c)),
    'the CSRF cookie is __Host- and Secure',
  )
  assert.match((await tls.fetch('/login')).headers.get('strict-transport-security') ?? '', /max-age=31536000/)
})

/** Every server action of the build, with a page path that renders it ([label] → a real label). */
function serverActions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>
  }
  return Object.entries(manifest.node).map(([id, action]) => {
    const worker = Object.keys(action.workers)[0]
    return {
      id,
      name: action.exportedName ?? id,
      page: worker
        .replace(/^app/, '')
        .replace(/\/page$/, '')
        .replace('[label]', 'guarded')
        .replace('[id]', '1'),
    }
  })
}

test(`${on} every server action called from another site is 403 cross_site before Next runs it, and nothing is written`, async () => {
  const actions = serverActions()
  assert.ok(actions.length >= 4, `found ${actions.map((a) => a.name).join(', ')}`)
  const cookie = await signIn(server, users.admin.email)
  const tables = ['input_set', 'input_set_revision', 'audit_event', 'plan', 'run', 'diff_job']
  const before = await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)))
  // A foreign Origin, the opaque one of sandboxed frames and file: pages, and a browser's own cross-site mark.
  const forgeries: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }]
  for (const action of actions) {
    for (const forged of forgeries) {
      const form = new FormData()
      for (const [k, v] of Object.entries({
        label: 'guarded',
        revision: '1',
        action: 'approve',
        comment: 'forged',
        against: 'guarded',
        config_version_id: '1',
        input_set_label: 'guarded',
      }))
        form.append(k, v)
      const res = await server.fetch(action.page, { method: 'POST', headers: { cookie, 'next-action': action.id, ...forged }, body: form })
      const what = `${action.name} on ${action.page} with ${JSON.stringify(forged)}`
      assert.equal(res.status, 403, what)
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'cross_site', what)
    }
  }
  assert.deepEqual(await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`))), before)
  assert.equal(await count(`SELECT COUNT(*) AS n FROM input_set_revision WHERE status = 'draft'`), 1, 'the draft was not approved')
  // Refused before Next's action handler, whose own origin check would have answered 500.
  assert.doesNotMatch(server.log(), /Invalid Server Actions request/)
  // The same request from this site passes the check (to Next, which does not know this made-up action).
  const own = await server.fetch('/ui/plans', { method: 'POST', headers: { cookie, 'next-action': '00'.repeat(21), origin: server.url }, body: new FormData() })
  assert.notEqual(own.status, 403)
})

/** Every route.ts under app/ as a URL, dynamic segments filled with values the routes accept. */
function routeAddresses(): string[] {
  const values: Record<string, string> = {
    '[label]': 'guarded',
    '[id]': '1',
    '[section]': 'demand_family',
    '[name]': 'plan_output.json',
    '[...nextauth]': 'session',
  }
  const out: string[] = []
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name])
      else if (entry.name === 'route.ts') {
        const filled = segments.map((s) => {
          if (!s.startsWith('[')) return s
          if (!(s in values)) throw new Error(`no test value for the route segment ${s} (${dir}): add one to routeAddresses()`)
          return values[s]
        })
        out.push(`/${filled.join('/')}`)
      }
    }
  }
  walk(path.join(ROOT, 'app'), [])
  return out.sort()
}

test(`${on} every route answers a method it does not implement with 405, its Allow header and the JSON error; OPTIONS lists the same`, async () => {
  const routes = routeAddresses()
  assert.ok(routes.includes('/runs') && routes.includes('/metrics') && routes.includes('/api/plans/input_sets/guarded/review'), routes.join(' '))
  for (const route of routes) {
    const options = await server.fetch(route, { method: 'OPTIONS' })
    assert.equal(options.status, 204, `OPTIONS ${route}`)
    const allow = options.headers.get('allow') ?? ''
    const allowed = allow.split(', ')
    assert.ok(allowed.includes('OPTIONS') && allowed.length >= 2, `OPTIONS ${route}: Allow ${allow}`)
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await server.fetch(route, { method, redirect: 'manual' })
      if (allowed.includes(method)) {
        assert.notEqual(res.status, 405, `${method} ${route} is in Allow (${allow})`)
        continue
      }
      assert.equal(res.status, 405, `${method} ${route}`)
      assert.equal(res.headers.get('allow'), allow, `${method} ${route}`)
      if (method === 'HEAD') continue
      const body = (await res.json()) as { error: { code: string; message: string } }
      assert.equal(body.error.code, 'method_not_allowed', `${method} ${route}`)
      assert.equal(body.error.message, `${method} is not allowed here; this address answers ${allow}.`)
    }
  }
})

test(`${on} methods Next does not dispatch to routes (PROPFIND) or Node cannot parse (FOO) are 4xx, never 500`, async () => {
  for (const route of ['/api/plans/input_sets', '/runs', '/metrics']) {
    for (const method of ['PROPFIND', 'FOO']) {
      const res = await rawRequest(method, route)
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${route}: ${res.status}`)
    }
  }
})

test(
  `${on} TRACE on a route answers 405 with Allow`,
  {
    todo: "Node's fetch refuses to build a Request with TRACE (a forbidden method); Next builds one for every route handler and for proxy.ts before any app code runs, so Next answers 500. Refuse TRACE at the reverse proxy.",
  },
  async () => {
    const res = await rawRequest('TRACE', '/api/plans/input_sets')
    assert.equal(res.status, 405)
  },
)

/** One request over node:http, which sends any method (fetch refuses TRACE, CONNECT and TRACK). */
function rawRequest(method: string, route: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${route}`, { method }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}
