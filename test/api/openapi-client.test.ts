// The OpenAPI document is true for a client that knows nothing else: the types generated from
// the served document by openapi-typescript (test/generated/openapi.ts, checked here to be
// current) drive openapi-fetch through upload, list, review, diff and export against a real
// server. No type below is written by hand; every answer also passes the document check.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import createClient from 'openapi-fetch'
import { openApiTypes } from '../../scripts/dev/openapi-types'
import { buildOpenApiDocument } from '../../lib/openapi/document'
import type { paths } from '../generated/openapi'
import { bearer, usersWithTokens } from '../helpers/api'
import { csv, ensureConfigVersion, validFiles, type Files } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { assertDocumented } from '../helpers/openapi-check'
import { startServer } from '../helpers/server'
import fs from 'node:fs'
import { OPENAPI_TYPES_FILE } from '../../scripts/dev/openapi-types'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
await ensureConfigVersion(1)

/** An openapi-fetch client for one user; its answers go through the same document check as every test's. */
function clientFor(token: string) {
  return createClient<paths>({
    baseUrl: server.url,
    headers: bearer(token),
    fetch: async (request: Request) => {
      const res = await fetch(request)
      const url = new URL(request.url)
      await assertDocumented(request.method, `${url.pathname}${url.search}`, res)
      return res
    },
  })
}

/** The upload's multipart body: the typed fields, and the files under `files` by name. */
function multipart(files: Files) {
  return (body: Record<string, unknown>) => {
    const form = new FormData()
    for (const [name, value] of Object.entries(body)) if (name !== 'files' && value !== undefined) form.append(name, String(value))
    for (const [name, data] of Object.entries(files)) form.append('files', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name)
    return form
  }
}

test(`${on} the served document is the built one, and the committed client types are generated from it`, async () => {
  const res = await server.fetch('/api/openapi.json', { headers: bearer(users.viewer.token) })
  assert.equal(res.status, 200)
  const served = (await res.json()) as object
  assert.deepEqual(served, JSON.parse(JSON.stringify(buildOpenApiDocument())))
  assert.equal(fs.readFileSync(OPENAPI_TYPES_FILE, 'utf8'), await openApiTypes(served), 'test/generated/openapi.ts is stale: run `npm run openapi:types`')
  assert.equal((await server.fetch('/api/openapi.json')).status, 401, 'the document needs a caller')
})

test(`${on} a generated client uploads, lists, reviews, diffs and exports`, async () => {
  const editor = clientFor(users.editor.token)
  const approver = clientFor(users.approver.token)
  const label = 'oa-client'

  const upload = (files: Files) =>
    editor.POST('/api/plans/input_sets', { body: { label, config_version_id: 1, files: Object.keys(files) }, bodySerializer: multipart(files) })
  const first = await upload(validFiles())
  assert.equal(first.response.status, 201, JSON.stringify(first.error))
  assert.deepEqual(first.data && 'input_set' in first.data ? first.data.input_set : null, { label, revision: 1, status: 'draft' })

  const listed = await editor.GET('/api/plans/input_sets', { params: { query: { q: 'oa-', page_size: 10 } } })
  assert.deepEqual(
    listed.data?.data.map((s) => [s.label, s.status, s.revision]),
    [[label, 'draft', 1]],
  )

  const approved = await approver.POST('/api/plans/input_sets/{label}/review', {
    params: { path: { label: `${label}@draft` } },
    body: { action: 'approve', comment: 'OA-1 approve' },
  })
  // The review answer is a revision after its verb, or (request_changes) the recorded request.
  const review = approved.data
  assert.ok(review && 'previous_status' in review, JSON.stringify(approved.error))
  assert.deepEqual([review.previous_status, review.status], ['draft', 'ready'])

  const changed = { ...validFiles(), 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,150', 'F1,2025-02,120', 'F2,2025-01,80') }
  assert.equal((await upload(changed)).response.status, 201)

  const deadline = Date.now() + 15_000
  let report
  for (;;) {
    const diff = await editor.GET('/api/plans/input_sets/{label}/diff', { params: { path: { label: `${label}@draft` }, query: { against: label } } })
    assert.ok(diff.response.status === 200 || diff.response.status === 202, JSON.stringify(diff.error))
    if (diff.data?.status === 'ready') {
      report = diff.data
      break
    }
    assert.ok(Date.now() < deadline, 'the diff was not ready after 15 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  assert.deepEqual(report.summary.sections.demand_family, { added: 0, removed: 0, changed: 1, unchanged: 2 })
  assert.equal(report.sections.demand_family.changed[0].fields.demand.delta, 50)

  const detail = await editor.GET('/api/plans/input_sets/{label}', { params: { path: { label } } })
  const exported = await editor.GET('/api/plans/input_sets/{label}/export', { params: { path: { label }, query: { include_meta: 'true' } }, parseAs: 'arrayBuffer' })
  assert.equal(exported.response.status, 200)
  assert.equal(exported.response.headers.get('x-content-hash'), detail.data?.revision.content_hash)
  const zip = Buffer.from(exported.data as ArrayBuffer)
  assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK')
  assert.ok(zip.includes(Buffer.from(`planning_inputs_${label}/datapackage.json`)), 'the REST zip carries the Frictionless descriptor')
})
