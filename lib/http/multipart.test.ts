// The streaming multipart parser: the same parts whatever the chunking (down to one byte, and
// random cuts), content that looks like framing kept as it is, RFC 2046 details (preamble,
// padding, epilogue), header parsing, and every malformed body refused as a 400 naming the body.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InvalidError } from '../errors'
import { multipartEvents } from './multipart'
import { boundaryOf } from './multipart-headers'

type Parsed = { name: string; filename?: string; data: string }
const LIMITS = { maxParts: 50, maxHeaderBytes: 1024 }

/** A body serialised by undici's FormData, as browsers and `fetch` send it. */
async function encode(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form })
  return { body: Buffer.from(await request.arrayBuffer()), boundary: boundaryOf(request.headers.get('content-type')!)! }
}

async function* cut(body: Buffer, sizes: () => number): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length;) {
    const n = Math.max(1, sizes())
    yield body.subarray(at, at + n)
    at += n
  }
}

async function parse(body: Buffer | string, boundary: string, sizes: () => number = () => Infinity, limits = LIMITS): Promise<Parsed[]> {
  const out: Parsed[] = []
  const chunks: Buffer[] = []
  for await (const e of multipartEvents(cut(Buffer.from(body), sizes), boundary, limits)) {
    if (e.kind === 'part') out.push({ ...e.headers, data: '' })
    else if (e.kind === 'data') chunks.push(Buffer.from(e.data))
    else out[out.length - 1].data = Buffer.concat(chunks.splice(0)).toString('latin1')
  }
  return out
}

const refused = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof InvalidError, String(err))
  assert.deepEqual(err.details, { field: 'body' })
  assert.match(err.message, pattern)
  return true
}

/** Deterministic chunk sizes (mulberry32), so a failing cut can be reproduced. */
function randomSizes(seed: number, max: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return 1 + (((t ^ (t >>> 14)) >>> 0) % max)
  }
}

function sampleForm(): FormData {
  const form = new FormData()
  form.append('label', 'fy27-w05')
  form.append('comment', 'two\r\nlines, ラベル')
  // File content that looks like framing: CRLF, '--', a boundary-like prefix, a bare '--' line.
  form.append('files', new Blob(['a,b\r\n--\r\n\r\n--formdata-\r\n-- \r\n\r\n-']), 'demand_family.csv')
  form.append('files', new Blob([new Uint8Array([0, 13, 10, 45, 45, 255])]), 'bin.csv')
  form.append('files', new Blob([]), 'empty.csv')
  return form
}

test('fields and several files come out with their names and exact bytes', async () => {
  const { body, boundary } = await encode(sampleForm())
  assert.deepEqual(await parse(body, boundary), [
    { name: 'label', data: 'fy27-w05' },
    { name: 'comment', data: Buffer.from('two\r\nlines, ラベル').toString('latin1') },
    { name: 'files', filename: 'demand_family.csv', data: 'a,b\r\n--\r\n\r\n--formdata-\r\n-- \r\n\r\n-' },
    { name: 'files', filename: 'bin.csv', data: '\u0000\r\n--\u00ff' },
    { name: 'files', filename: 'empty.csv', data: '' },
  ])
})

test('one-byte chunks give the same parts as the whole body (a delimiter split at every position)', async () => {
  const { body, boundary } = await encode(sampleForm())
  assert.deepEqual(await parse(body, boundary, () => 1), await parse(body, boundary))
})

test('random chunkings give the same parts as the whole body', async () => {
  const form = sampleForm()
  form.append('files', new Blob([Buffer.alloc(4000, '\r\n--')]), 'dashes.csv')
  const { body, boundary } = await encode(form)
  const whole = await parse(body, boundary)
  for (let seed = 1; seed <= 100; seed++) {
    assert.deepEqual(await parse(body, boundary, randomSizes(seed, seed % 2 ? 7 : 300)), whole, `seed ${seed}`)
  }
})

test('the boundary text inside content is data unless it starts a line', async () => {
  const data = 'x--XB y--XB--\r\n-XB\r\n\r\n--X\r\n--\r\n--xb'
  const body = `--XB\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\n${data}\r\n--XB--\r\n`
  assert.deepEqual(await parse(body, 'XB'), [{ name: 'files', filename: 'a.csv', data }])
  assert.deepEqual(await parse(body, 'XB', () => 1), [{ name: 'files', filename: 'a.csv', data }])
})

test('a line that starts with the boundary and goes on is refused (RFC 2046: the boundary must not occur in content)', async () => {
  const body = '--XB\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--XBtail\r\n--XB--\r\n'
  await assert.rejects(parse(body, 'XB'), refused(/boundary 'XB' is followed by other text/))
})

test('preamble, transport padding after boundaries, epilogue and a close delimiter without CRLF are accepted', async () => {
  const body = 'preamble text\r\n--XB \t\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XB\t\r\ncontent-disposition: FORM-DATA; name=b\r\n\r\n2\r\n--XB--'
  assert.deepEqual(await parse(body, 'XB'), [
    { name: 'a', data: '1' },
    { name: 'b', data: '2' },
  ])
  assert.deepEqual(await parse(`${body}\r\nepilogue --XB\r\n`, 'XB', () => 3), [
    { name: 'a', data: '1' },
    { name: 'b', data: '2' },
  ])
})

test('part headers: quoted-string escapes, the HTML %22/%0D/%0A escapes, filename* and Windows backslashes', async () => {
  const part = (disposition: string) => `--XB\r\nContent-Type: text/csv\r\nContent-Disposition: ${disposition}\r\n\r\nx\r\n`
  const body = [
    part('form-data; name="files"; filename="a\\"b\\\\c.csv"'),
    part('form-data; name="files"; filename="a%22b%0d%0Ac%41.csv"'),
    part(`form-data; name="files"; filename="fallback.csv"; filename*=UTF-8''%E2%82%AC%20euro.csv`),
    part(`form-data; name="files"; filename*=iso-8859-1'en'caf%E9.csv`),
    part('form-data; name="files"; filename="C:\\Users\\me\\demand.csv"'),
    part('form-data; filename="semi;colon.csv" ; name="files"'),
    `--XB--\r\n`,
  ].join('')
  assert.deepEqual(
    (await parse(body, 'XB')).map((p) => p.filename),
    ['a"b\\c.csv', 'a"b\r\nc%41.csv', '€ euro.csv', 'café.csv', 'C:\\Users\\me\\demand.csv', 'semi;colon.csv'],
  )
})

test('truncated bodies are refused: no close delimiter, cut inside the headers, empty', async () => {
  const full = '--XB\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--XB--\r\n'
  for (const body of [full.slice(0, full.indexOf('\r\n--XB--')), full.slice(0, 30), '', 'no boundary here']) {
    await assert.rejects(
      parse(body, 'XB', () => 4),
      refused(/ends before the closing boundary '--XB--'/),
      JSON.stringify(body),
    )
  }
})

test('malformed parts are refused: headers too long, no Content-Disposition, no name, not form-data, a bad header line', async () => {
  const part = (headers: string) => `--XB\r\n${headers}\r\n\r\nx\r\n--XB--\r\n`
  const cases: [string, RegExp][] = [
    [part(`X-Pad: ${'p'.repeat(2000)}`), /headers are longer than 1024 bytes/],
    [`--XB\r\nX-Pad: ${'p'.repeat(2000)}`, /headers are longer than 1024 bytes/],
    [part('Content-Type: text/plain'), /no Content-Disposition header/],
    ['--XB\r\n\r\nx\r\n--XB--\r\n', /no Content-Disposition header/],
    [part('Content-Disposition: form-data; filename="a.csv"'), /Content-Disposition has no name/],
    [part('Content-Disposition: attachment; name="a"'), /is not 'form-data; name=/],
    [part('Content-Disposition: form-data; name="unterminated'), /is not 'form-data; name=/],
    [part('no colon here'), /header line without a name/],
    [part(`Content-Disposition: form-data; name="f"; filename*=UTF-16''%00`), /filename\* of part 'f'/],
  ]
  for (const [body, pattern] of cases)
    await assert.rejects(
      parse(body, 'XB', () => 5),
      refused(pattern),
      body.slice(0, 80),
    )
})

test('more parts than the limit are refused', async () => {
  const body = `${'--XB\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n'.repeat(4)}--XB--\r\n`
  assert.equal((await parse(body, 'XB', undefined, { ...LIMITS, maxParts: 4 })).length, 4)
  await assert.rejects(parse(body, 'XB', undefined, { ...LIMITS, maxParts: 3 }), refused(/more than 3 parts/))
})

test('boundaryOf reads quoted and plain boundaries and refuses missing or malformed ones', () => {
  assert.equal(boundaryOf('multipart/form-data; boundary=----WebKitFormBoundaryA1'), '----WebKitFormBoundaryA1')
  assert.equal(boundaryOf('multipart/form-data; charset=utf-8; BOUNDARY="with space:x"'), 'with space:x')
  for (const bad of [
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary="trailing "',
    `multipart/form-data; boundary=${'b'.repeat(71)}`,
  ]) {
    assert.equal(boundaryOf(bad), undefined, bad)
  }
})
