// MAX_UPLOAD_BYTES (docs/configuration.md): a server started with a small limit refuses larger
// uploads with 413 before anything is written, whether the client declares the size up front
// (Content-Length) or streams it chunked.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, uploadForm, usersWithTokens } from '../helpers/api'
import { csv, ensureConfigVersion, tableCounts, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'

const LIMIT = 64 * 1024

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer({ MAX_UPLOAD_BYTES: String(LIMIT) })
const users = await usersWithTokens()
await ensureConfigVersion(1)
const editor = bearer(users.editor.token)

/** A demand file of about `bytes` bytes, valid row by row. */
function bigDemand(bytes: number): string {
  const lines = ['family,period,demand']
  for (let i = 0, size = 0; size < bytes; i++) {
    lines.push(`FAMILY-${String(i).padStart(6, '0')},2025-01,${i}`)
    size += lines[lines.length - 1].length + 1
  }
  return csv(...lines)
}

const overLimit = () => uploadForm({ label: 'too-big', config_version_id: '1' }, { ...validFiles(), 'demand_family.csv': bigDemand(LIMIT * 2) })

test(`${on} an upload under the limit is accepted`, async () => {
  const r = await call(server, 'POST', '/api/plans/input_sets', { headers: editor, form: uploadForm({ label: 'small', config_version_id: '1' }, validFiles()) })
  assert.equal(r.status, 201, JSON.stringify(r.body))
})

test(`${on} a declared Content-Length over the limit is 413 too_large and nothing is written`, async () => {
  const before = await tableCounts()
  const r = await call(server, 'POST', '/api/plans/input_sets', { headers: editor, form: overLimit() })
  assert.deepEqual([r.status, r.body.error.code, r.body.error.details.limit_bytes], [413, 'too_large', LIMIT])
  assert.match(r.body.error.message, /limit of 65536 bytes/)
  assert.deepEqual(await tableCounts(), before)
})

test(`${on} a chunked body (no Content-Length) is counted while read: 413 and nothing is written`, async () => {
  const before = await tableCounts()
  // Serialise the form, then send it in chunks without declaring its length.
  const encoded = new Request('http://localhost/', { method: 'POST', body: overLimit() })
  const bytes = new Uint8Array(await encoded.arrayBuffer())
  const chunks = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.subarray(i, i + 8192))
      controller.close()
    },
  })
  const res = await server.fetch('/api/plans/input_sets', {
    method: 'POST',
    headers: { ...editor, 'content-type': encoded.headers.get('content-type')! },
    body: chunks,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' })
  assert.equal(res.status, 413)
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'too_large')
  assert.deepEqual(await tableCounts(), before)
})
