// Without a session no portal address renders set data. Every page route under app/ui is found
// from the file tree (a new page is covered without editing this file) and asked for as an outsider
// would: no cookie, a forged cookie, and the cookie of a session that has since been signed out.
// Each answer is a redirect to sign-in that keeps the address asked for, and its body holds none of
// the set's data. Signed in, the same addresses render (so the walk reaches real pages).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { PASSWORD, signIn, usersWithTokens } from './helpers/api'
import { ROOT } from './helpers/cli'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { readySet } from './helpers/plans'
import { startServer } from './helpers/server'
import { reviewInputSet } from '../lib/input-sets/verbs/review'
import { createPlan } from '../lib/plans/create-plan'
import { createRun } from '../lib/plans/create-run'
import { alice, bob } from './helpers/input-sets'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()

// Data that must never reach an outsider: the label, both people's names, a comment, the content hash.
const LABEL = 'secret-plan-7q'
const COMMENT = 'confidential-approval-comment-91'
const report = await readySet(LABEL)
await reviewInputSet({ ref: LABEL, action: 'revert', actor: bob, comment: COMMENT })
await reviewInputSet({ ref: `${LABEL}@draft`, action: 'approve', actor: bob, comment: COMMENT })
const plan = await createPlan({ configVersionId: 1, inputSetLabel: LABEL, actor: alice })
const run = await createRun({ entrypoint: 'api', actor: alice, planId: plan.id })
const SECRETS = [LABEL, alice.name, bob.name, COMMENT, report.content_hash!]

/** Every page.tsx under app/ui as a URL: route groups dropped, dynamic segments filled with real values. */
function portalPages(): string[] {
  const values: Record<string, string> = { '[label]': LABEL, '[id]': String(plan.id) }
  const pages: string[] = []
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name])
      else if (entry.name === 'page.tsx') {
        const filled = segments.map((s) => {
          if (!s.startsWith('[')) return s
          if (!(s in values)) throw new Error(`no test value for the route segment ${s} (${dir}): add one to portalPages()`)
          // A run's page takes a run id; every other [id] is a plan's.
          return segments.includes('runs') && s === '[id]' ? String(run.id) : values[s]
        })
        pages.push(`/${['ui', ...filled].join('/')}`)
      }
    }
  }
  walk(path.join(ROOT, 'app/ui'), [])
  return pages.sort()
}

const pages = portalPages()
// Query strings that make the detail page add history, rows or an unknown label's close labels.
const addresses = [
  ...pages,
  `/ui/plans/input_sets/${LABEL}?tab=history`,
  `/ui/plans/input_sets/${LABEL}?section=demand_family`,
  `/ui/plans/input_sets/${LABEL.slice(0, -1)}`,
  `/ui/plans/input_sets/${LABEL}/diff?against=${LABEL}@1`,
]

/** No set data in `body`, except what the caller wrote into the address (a label typed in the URL comes back in the redirect). */
function assertNoSetData(body: string, address: string): void {
  for (const secret of SECRETS) {
    if (!address.includes(secret)) assert.ok(!body.includes(secret), `${address} leaks '${secret}'`)
  }
}

async function assertSentToSignIn(address: string, cookie: string | undefined): Promise<void> {
  const res = await server.fetch(address, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  assertNoSetData(await res.text(), address)
  assert.ok([303, 307, 308].includes(res.status), `${address}: HTTP ${res.status}`)
  const location = new URL(res.headers.get('location') ?? '', server.url)
  assert.equal(location.pathname, '/login', address)
  // Next's URL parser spells '@' in a query as %40; both name the same address.
  assert.equal(decodeURIComponent(location.searchParams.get('callbackUrl') ?? ''), decodeURIComponent(address), `${address}: the sign-in page brings the user back`)
}

test(`${on} the walk finds every portal page (list, upload, detail, diff, review, plans, runs)`, () => {
  for (const expected of ['/ui/plans/input_sets', '/ui/plans/input_sets/upload', `/ui/plans/input_sets/${LABEL}/review`, '/ui/runs']) {
    assert.ok(pages.includes(expected), `${expected} in ${pages.join(', ')}`)
  }
})

test(`${on} without a cookie every portal address redirects to sign-in with the address kept and no set data`, async () => {
  for (const address of addresses) await assertSentToSignIn(address, undefined)
})

test(`${on} a forged or foreign-key session cookie is treated as none`, async () => {
  const real = await signIn(server, users.viewer.email)
  const value = real.split('=').slice(1).join('=')
  const forged = `next-auth.session-token=${value.slice(0, -6)}${value.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`
  for (const address of addresses) await assertSentToSignIn(address, forged)
})

test(`${on} signed in, every portal page renders (the walk reaches real pages)`, async () => {
  const cookie = await signIn(server, users.viewer.email)
  for (const address of pages) {
    const res = await server.fetch(address, { redirect: 'manual', headers: { cookie } })
    assert.equal(res.status, 200, address)
  }
})

test(`${on} after sign-out, a copy of the old session cookie opens no page and no API`, async () => {
  const cookie = await signIn(server, users.editor.email, PASSWORD)
  assert.equal((await server.fetch(`/ui/plans/input_sets/${LABEL}`, { redirect: 'manual', headers: { cookie } })).status, 200)
  assert.equal((await server.fetch('/api/plans/input_sets', { headers: { cookie } })).status, 200)

  const csrf = await server.fetch('/api/auth/csrf', { headers: { cookie } })
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const jar = [cookie, ...csrf.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ')
  const out = await server.fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
    redirect: 'manual',
  })
  assert.ok(out.status < 400, `sign-out: HTTP ${out.status}`)

  // The browser dropped the cookie; someone who copied it earlier still sends it.
  for (const address of pages) await assertSentToSignIn(address, cookie)
  assert.equal((await server.fetch('/api/plans/input_sets', { headers: { cookie } })).status, 401)
})
