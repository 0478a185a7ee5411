// Request bodies: JSON nested past MAX_JSON_DEPTH is a 400 naming the body before it is parsed,
// brackets inside strings do not count, and a body its reader stops early is read to its end and
// dropped: no read of the request is in flight when the stream is cancelled (which made Node's
// fetch body wrapper throw after the response was sent), and the connection is not reset.
// npm test: database-free
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import { InvalidError, TooLargeError } from '../errors'
import { limitedBody, MAX_JSON_DEPTH, nestingDepth, readJson } from './body'

const post = (body: BodyInit) => new Request('http://localhost/runs', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

test('nestingDepth counts objects and arrays outside strings, escaped quotes included', () => {
  assert.equal(nestingDepth('{"a":1}'), 1)
  assert.equal(nestingDepth('{"a":[{"b":[]}],"c":{}}'), 4)
  assert.equal(nestingDepth('{"a":"[[[{{{"}'), 1)
  assert.equal(nestingDepth('{"a":"\\"[[[","b":"\\\\"}'), 1)
  assert.equal(nestingDepth('"plain"'), 0)
})

test(`readJson takes ${MAX_JSON_DEPTH} levels and refuses one more as a 400 naming the body`, async () => {
  assert.deepEqual(await readJson(post(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)), { a: JSON.parse(nested(MAX_JSON_DEPTH - 1)) })
  for (const text of [`{"a":${nested(MAX_JSON_DEPTH)}}`, nested(20_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)]) {
    await assert.rejects(readJson(post(text)), (err: unknown) => {
      assert.ok(err instanceof InvalidError)
      assert.deepEqual(err.details, { field: 'body', max_depth: MAX_JSON_DEPTH })
      assert.match(err.message, new RegExp(`more than ${MAX_JSON_DEPTH} levels deep`))
      return true
    })
  }
})

test('a body over the limit is 413 whether declared or counted while read', async () => {
  const big = JSON.stringify({ a: 'x'.repeat(70_000) })
  await assert.rejects(readJson(post(big)), TooLargeError)
  const chunked = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(big))
      c.close()
    },
  })
  await assert.rejects(readJson(new Request('http://localhost/runs', { method: 'POST', body: chunked, duplex: 'half' } as RequestInit)), TooLargeError)
})

test('a reader that stops after the first chunk: the rest of the request is read and dropped, and nothing throws once it ends', async () => {
  const uncaught: unknown[] = []
  const record = (err: unknown) => uncaught.push(err)
  process.on('uncaughtException', record)
  try {
    // The request body as Next hands it over: Node's fetch wrapper of a Node stream (the socket).
    const socket = new Readable({ read() {} })
    socket.push(Buffer.from('first chunk'))
    const request = new Request('http://localhost/', { method: 'POST', body: socket as unknown as BodyInit, duplex: 'half' } as RequestInit)
    const reader = limitedBody(request, 1024).stream.getReader()
    assert.equal(new TextDecoder().decode((await reader.read()).value), 'first chunk')
    // The consumer works on the chunk, then refuses it; a stream that reads ahead has a read waiting by now.
    await new Promise((resolve) => setTimeout(resolve, 10))
    await reader.cancel()
    socket.push(Buffer.from('the rest of an upload'))
    socket.push(null)
    await new Promise((resolve) => setTimeout(resolve, 50))
    // Read to its end, not destroyed midway (which, on a socket, resets the connection before the answer).
    assert.equal(socket.readableEnded, true)
  } finally {
    process.off('uncaughtException', record)
  }
  assert.deepEqual(uncaught, [])
})
