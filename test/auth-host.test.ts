// /api/auth/* without NEXTAUTH_URL, against `next start`: next-auth builds its URLs from the
// request, so a host the site does not serve is the client's error (400 untrusted_host, with a
// log line for the operator), and X-Forwarded-Host counts only under AUTH_TRUST_HOST=true.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { startServer, type TestServer } from './helpers/server'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const bare = await startServer({ NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: 'false' })
const proxied = await startServer({ NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: 'true' })

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/** fetch() always sends the URL's own Host; this sends the one given. */
function send(server: TestServer, method: string, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

const ownHost = (server: TestServer) => new URL(server.url).host

function assertUntrustedHost(reply: Reply, named: RegExp): void {
  assert.equal(reply.status, 400, reply.text)
  assert.match(String(reply.headers['content-type']), /application\/json/)
  const body = JSON.parse(reply.text) as { error: { code: string; message: string } }
  assert.equal(body.error.code, 'untrusted_host')
  assert.match(body.error.message, named)
  assert.doesNotMatch(reply.text, /\/work\/|node_modules|\bat .+\.js|"pid"/, 'no paths, stacks or pids')
}

test(`${on} a foreign Host on /api/auth/* answers 400 untrusted_host, GET and POST, and the operator's log says how to serve it`, async () => {
  for (const method of ['GET', 'POST']) {
    const path = method === 'GET' ? '/api/auth/csrf' : '/api/auth/callback/credentials'
    assertUntrustedHost(await send(bare, method, path, { host: 'hub.example.com' }), /'hub\.example\.com'/)
  }
  const line = bare
    .log()
    .split('\n')
    .find((l) => l.includes('"event":"auth_untrusted_host"'))
  assert.ok(line, 'logged')
  assert.match(line, /"host":"hub\.example\.com"/)
  assert.match(line, /NEXTAUTH_URL/)
})

test(`${on} a loopback Host is served; X-Forwarded-Host from a client is refused without AUTH_TRUST_HOST`, async () => {
  const ok = await send(bare, 'GET', '/api/auth/csrf', { host: ownHost(bare) })
  assert.equal(ok.status, 200, ok.text)
  assert.ok((JSON.parse(ok.text) as { csrfToken?: string }).csrfToken)
  assertUntrustedHost(await send(bare, 'GET', '/api/auth/csrf', { host: ownHost(bare), 'x-forwarded-host': 'evil.example' }), /x-forwarded-host/)
})

/** The site next-auth takes itself to be: its sign-in redirect names it as the callback URL. */
async function siteSeenByNextAuth(server: TestServer, headers: Record<string, string>): Promise<string | null> {
  const reply = await send(server, 'GET', '/api/auth/signin', { host: ownHost(server), ...headers })
  assert.equal(reply.status, 302, reply.text)
  return new URL(String(reply.headers.location), 'http://unused.invalid').searchParams.get('callbackUrl')
}

test(`${on} with AUTH_TRUST_HOST=true the proxy's X-Forwarded-Host and -Proto are the site next-auth works for; without it, the Host`, async () => {
  assert.equal(await siteSeenByNextAuth(proxied, { 'x-forwarded-host': 'hub.example.com', 'x-forwarded-proto': 'https' }), 'https://hub.example.com')
  assert.equal(await siteSeenByNextAuth(bare, {}), bare.url)
})
