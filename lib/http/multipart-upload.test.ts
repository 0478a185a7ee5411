// Reading an upload request: files land on disk byte for byte and fields in memory, the size
// limit answers 413 whether declared or counted, refusals name the field, and the per-request
// spool folder is gone afterwards in every case (success after dispose(), refusal, client abort).
// npm test: database-free
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { InvalidError, TooLargeError } from '../errors'
import { readUpload, type UploadOptions } from './multipart-upload'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'multipart-upload-test-'))
after(() => fs.rmSync(root, { recursive: true, force: true }))
let runs = 0

/** A spool root of its own, so a test can see that nothing is left in it. */
function options(o: Partial<UploadOptions> = {}): UploadOptions {
  const spoolRoot = path.join(root, String(++runs))
  fs.mkdirSync(spoolRoot)
  return { fileField: 'files', maxBytes: 1024 * 1024, spoolRoot, ...o }
}

const leftIn = (o: UploadOptions) => fs.readdirSync(o.spoolRoot!)

function request(form: FormData): Request {
  return new Request('http://localhost/api/plans/input_sets', { method: 'POST', body: form })
}

/** The same body sent in `size`-byte chunks without a Content-Length, optionally failing after `failAfter` bytes. */
async function streamed(form: FormData, size: number, failAfter = Infinity): Promise<Request> {
  const encoded = request(form)
  const bytes = new Uint8Array(await encoded.arrayBuffer())
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) {
        if (i >= failAfter) return controller.error(new Error('client went away'))
        controller.enqueue(bytes.slice(i, i + size))
      }
      controller.close()
    },
  })
  return new Request(encoded.url, { method: 'POST', headers: { 'content-type': encoded.headers.get('content-type')! }, body, duplex: 'half' } as RequestInit)
}

function form(fields: Record<string, string>, files: Record<string, string | Buffer> = {}, field = 'files'): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  for (const [name, data] of Object.entries(files)) f.append(field, new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name)
  return f
}

const big = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256))

test('files are spooled to disk byte for byte, fields stay in memory (last value wins), dispose() removes the folder', async () => {
  const o = options()
  const csv = 'family,period,demand\r\n--x\r\n'
  const f = form({ label: 'first', comment: 'hello' }, { 'demand_family.csv': csv, 'bin.csv': big })
  f.append('label', 'w1')
  const upload = await readUpload(request(f), o)
  assert.deepEqual(upload.fields, { label: 'w1', comment: 'hello' })
  assert.deepEqual(
    upload.files.map((x) => [x.name, x.size]),
    [
      ['demand_family.csv', csv.length],
      ['bin.csv', big.length],
    ],
  )
  assert.equal(fs.readFileSync(upload.files[0].path, 'utf8'), csv)
  assert.ok(fs.readFileSync(upload.files[1].path).equals(big))
  assert.equal(leftIn(o).length, 1)
  await upload.dispose()
  assert.deepEqual(leftIn(o), [])
})

test('a body arriving one byte at a time without Content-Length spools the same bytes', async () => {
  const o = options()
  const upload = await readUpload(await streamed(form({ label: 'w1' }, { 'a.csv': big.subarray(0, 5000) }), 1), o)
  assert.deepEqual(upload.fields, { label: 'w1' })
  assert.ok(fs.readFileSync(upload.files[0].path).equals(big.subarray(0, 5000)))
  await upload.dispose()
  assert.deepEqual(leftIn(o), [])
})

const tooLarge = (err: unknown) => err instanceof TooLargeError && (err.details as { limit_bytes: number }).limit_bytes === 100_000
const invalid = (field: string, pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof InvalidError, String(err))
  assert.equal((err.details as { field: string }).field, field)
  assert.match(err.message, pattern)
  return true
}

test('over the byte limit: 413 from a declared Content-Length or counted while streaming; nothing is left', async () => {
  const o = options({ maxBytes: 100_000 })
  const declared = new Request('http://localhost/', {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': '100001' },
    body: 'x',
  })
  await assert.rejects(readUpload(declared, o), tooLarge)
  await assert.rejects(readUpload(request(form({ label: 'x' }, { 'a.csv': big })), o), tooLarge)
  await assert.rejects(readUpload(await streamed(form({ label: 'x' }, { 'a.csv': big }), 8192), o), tooLarge)
  assert.deepEqual(leftIn(o), [])
})

test('a text field over its cap, or all fields over theirs, is refused naming the field; nothing is left', async () => {
  const o = options({ maxFieldBytes: 1024, maxTextBytes: 4096 })
  await assert.rejects(readUpload(request(form({ label: 'x', comment: 'c'.repeat(1025) })), o), invalid('comment', /Field 'comment' is longer than 1 KiB/))
  const many = form(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, 'v'.repeat(1000)])))
  await assert.rejects(readUpload(request(many), o), invalid('f4', /text fields come to more than 4 KiB/))
  assert.deepEqual(leftIn(o), [])
})

test('a file under another field name or text under the file field is refused as before; nothing is left', async () => {
  const o = options()
  await assert.rejects(
    readUpload(request(form({}, { 'a.csv': 'x' }, 'attachment')), o),
    invalid('attachment', /Unexpected file field 'attachment'; send files as 'files'/),
  )
  await assert.rejects(readUpload(request(form({ files: 'demand_family.csv' })), o), invalid('files', /'files' must be a file part/))
  assert.deepEqual(leftIn(o), [])
})

test('a client that goes away mid-file, a truncated body or too many parts is a 400 naming the body; the half-written file is removed', async () => {
  const o = options({ maxParts: 3 })
  const f = form({ label: 'x' }, { 'a.csv': big })
  await assert.rejects(readUpload(await streamed(f, 4096, 100_000), o), invalid('body', /could not be read to its end \(client went away\)/))
  const whole = request(f)
  const bytes = Buffer.from(await whole.arrayBuffer())
  const cutShort = new Request('http://localhost/', {
    method: 'POST',
    headers: { 'content-type': whole.headers.get('content-type')! },
    body: bytes.subarray(0, 200_000),
  })
  await assert.rejects(readUpload(cutShort, o), invalid('body', /ends before the closing boundary/))
  await assert.rejects(readUpload(request(form({ a: '1', b: '2' }, { 'a.csv': 'x', 'b.csv': 'y' })), o), invalid('body', /more than 3 parts/))
  assert.deepEqual(leftIn(o), [])
})

test('not multipart, or multipart without a boundary, is refused naming content-type before a folder is made', async () => {
  const o = options()
  const post = (type: string) => new Request('http://localhost/', { method: 'POST', headers: { 'content-type': type }, body: 'x' })
  await assert.rejects(readUpload(post('application/json'), o), invalid('content-type', /Send the upload as multipart\/form-data/))
  await assert.rejects(readUpload(post('multipart/form-data; charset=utf-8'), o), invalid('content-type', /no valid boundary/))
  assert.deepEqual(leftIn(o), [])
})

test('a spool folder left by a server killed mid-upload is removed by a later upload once a day old', async () => {
  const o = options()
  const stale = path.join(o.spoolRoot!, 'upload-crashed')
  const recent = path.join(o.spoolRoot!, 'upload-running')
  for (const dir of [stale, recent]) {
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, '0'), 'partial')
  }
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000)
  fs.utimesSync(stale, twoDaysAgo, twoDaysAgo)
  const upload = await readUpload(request(form({ label: 'w1' })), o)
  await upload.dispose()
  assert.deepEqual(leftIn(o), ['upload-running'])
})
