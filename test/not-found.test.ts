// Unknown pages answer a real HTTP 404 with the app's not-found page, in the production build:
// unmatched addresses, unknown plans and runs, and unknown input sets (with the close labels as
// a hint) on every page of an input set, and addresses with a segment that does not decode.
// Known ones still answer 200; signed-out visitors are sent to sign in before anything says
// whether a label exists; a set under a reserved label (lib/input-sets/labels.ts) still opens
// as label@N.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { signIn, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, validFiles } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { startServer } from './helpers/server'
import { getSql } from '../lib/db/sql'
import { cliActor } from '../lib/input-sets/actor'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
await runImport(memoryBundle(validFiles()), { label: 'known-set', actor: cliActor('planner') })
const cookie = await signIn(server, users.viewer.email)

async function page(path: string, signedIn = true): Promise<{ status: number; body: string; location: string | null }> {
  const res = await server.fetch(path, { headers: signedIn ? { cookie } : {}, redirect: 'manual' })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}

/** The page's text whether it is in the HTML or in the payload the browser renders it from. */
const hasText = (body: string, text: string) => body.includes(text) || body.includes(JSON.stringify(text).slice(1, -1).replace(/"/g, '\\"'))

test(`${on} an address with no page answers 404 with the app's not-found page, signed in or not`, async () => {
  for (const [path, signedIn] of [
    ['/no-such-page', false],
    ['/no-such-page', true],
    ['/ui/no-such-page', true],
    ['/ui/plans/input_sets/known-set/no-such-tab', true],
  ] as const) {
    const r = await page(path, signedIn)
    assert.equal(r.status, 404, path)
    assert.ok(hasText(r.body, 'Page not found'), `${path}: ${r.body.slice(0, 300)}`)
    assert.ok(!hasText(r.body, 'This page could not be found'), `${path} shows the app's page, not Next's default`)
    if (path.endsWith('no-such-page')) assert.match(r.body, /<h1>Page not found<\/h1>/, `${path}: rendered on the server`)
  }
})

test(`${on} unknown plans and runs answer 404 with the app's not-found page`, async () => {
  for (const path of ['/ui/plans/99999', '/ui/runs/99999', '/ui/plans/abc']) {
    const r = await page(path)
    assert.equal(r.status, 404, path)
    assert.ok(hasText(r.body, 'Page not found'), path)
  }
})

test(`${on} an unknown input set answers 404 on its detail, diff and review pages, naming close labels`, async () => {
  for (const path of ['/ui/plans/input_sets/known-sat', '/ui/plans/input_sets/known-sat/diff', '/ui/plans/input_sets/known-sat/review']) {
    const r = await page(path)
    assert.equal(r.status, 404, path)
    assert.ok(hasText(r.body, 'Input set not found'), path)
    assert.ok(hasText(r.body, "Input set 'known-sat' not found. Did you mean: known-set, known-set@draft?"), `${path}: the hint names the close label`)
    assert.doesNotMatch(r.body, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace')
  }
  const unknown = await page('/ui/plans/input_sets/does-not-exist')
  assert.equal(unknown.status, 404)
  assert.ok(hasText(unknown.body, "Input set 'does-not-exist' not found."))
})

test(`${on} an unknown revision or an invalid reference answers 404 too`, async () => {
  const revision = await page('/ui/plans/input_sets/known-set%409')
  assert.equal(revision.status, 404)
  assert.ok(hasText(revision.body, "Revision 'known-set@9' not found."))
  const invalid = await page('/ui/plans/input_sets/a%20b')
  assert.equal(invalid.status, 404)
  assert.ok(hasText(invalid.body, "Invalid label 'a b'"))
  // The set exists, but a review page belongs to a label, not to one of its revisions.
  const reviewOfRevision = await page('/ui/plans/input_sets/known-set%40draft/review')
  assert.equal(reviewOfRevision.status, 404)
  assert.ok(hasText(reviewOfRevision.body, 'Page not found'))
})

test(`${on} an address with a segment that is not percent-encoded UTF-8 answers the app's 404 page, never a 500`, async () => {
  for (const path of ['/ui/plans/input_sets/%ff', '/ui/plans/input_sets/%ff%fe/diff', '/ui/plans/input_sets/abc%zz/review']) {
    const r = await page(path)
    assert.equal(r.status, 404, path)
    assert.ok(hasText(r.body, 'Input set not found'), path)
    assert.ok(hasText(r.body, "Invalid label '\uFFFD'"), `${path}: the segment shows as the replacement character`)
  }
  for (const path of ['/ui/plans/%ff', '/ui/runs/%ff']) {
    const r = await page(path)
    assert.equal(r.status, 404, path)
    assert.ok(hasText(r.body, 'Page not found'), path)
  }
  const signedOut = await page('/ui/plans/input_sets/%ff', false)
  assert.ok([303, 307].includes(signedOut.status), `signed out: ${signedOut.status}`)
})

test(`${on} a known input set still answers 200 on its detail, diff and review pages`, async () => {
  for (const path of [
    '/ui/plans/input_sets/known-set',
    '/ui/plans/input_sets/known-set%40draft',
    '/ui/plans/input_sets/known-set/diff',
    '/ui/plans/input_sets/known-set/review',
  ]) {
    const r = await page(path)
    assert.equal(r.status, 200, path)
    assert.ok(!hasText(r.body, 'Input set not found'), path)
  }
})

test(`${on} an unknown reference on a known set's diff page keeps the page and its picker, naming close labels`, async () => {
  const r = await page('/ui/plans/input_sets/known-set/diff?against=known-sat')
  assert.equal(r.status, 200)
  const html = r.body.replaceAll('<!-- -->', '')
  assert.ok(hasText(html, 'Cannot compare against'), html.slice(0, 500))
  assert.ok(hasText(html, "Input set 'known-sat' not found."), "the resolver's message")
  assert.match(html, /href="\/ui\/plans\/input_sets\/known-set\/diff\?against=known-set"/, 'the close label is offered as the reference')
  assert.ok(hasText(html, 'Compare against'), 'the picker stays')
})

test(`${on} signed out, an input set address sends to sign-in whether or not the label exists`, async () => {
  for (const path of ['/ui/plans/input_sets/known-set', '/ui/plans/input_sets/does-not-exist']) {
    const r = await page(path, false)
    assert.ok([303, 307].includes(r.status), `${path}: ${r.status}`)
    assert.match(r.location ?? '', /\/login\?callbackUrl=/)
  }
})

test(`${on} a set stored under the now reserved label 'upload' opens in the portal as upload@N; /upload stays the upload page`, async () => {
  await runImport(memoryBundle(validFiles()), { label: 'old-upload', actor: cliActor('planner') })
  await getSql().withConnection((c) => c.run(`UPDATE input_set SET label = 'upload' WHERE label = 'old-upload'`))
  const set = await page('/ui/plans/input_sets/upload%401')
  assert.equal(set.status, 200)
  assert.match(set.body.replaceAll('<!-- -->', ''), /<h1>upload <span class="ref-suffix">r1<\/span>/)
  const form = await page('/ui/plans/input_sets/upload')
  assert.equal(form.status, 200)
  assert.doesNotMatch(form.body.replaceAll('<!-- -->', ''), /ref-suffix">r1/)
})
