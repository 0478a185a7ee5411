// Response headers flushed the way Next.js flushes them go out with the body's first write, and a
// streamed response still reaches the client chunk by chunk. One loopback server; the socket's own
// write calls are counted, not replaced.
// npm test: database-free
import assert from 'node:assert/strict'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { test } from 'node:test'
import { coalesceResponseWrites } from './response-writes'

type Handler = (res: ServerResponse, writes: () => number) => void

/** Serves one request with `handle` and returns the body the client received. */
async function serveOnce(handle: Handler, onChunk?: (chunk: string) => void): Promise<string> {
  const server = createServer((_req, res) => {
    let writes = 0
    const socket = res.socket as Socket & { _write: Socket['_write']; _writev: Socket['_writev'] }
    const write = socket._write.bind(socket)
    const writev = socket._writev!.bind(socket)
    // Each call is one batch handed to the operating system: what coalescing is meant to reduce.
    socket._write = (...args) => (writes++, write(...args))
    socket._writev = (...args) => (writes++, writev(...args))
    handle(res, () => writes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    return await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, agent: false }, (res: IncomingMessage) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
          onChunk?.(chunk)
        })
        res.on('end', () => resolve(body))
      })
        .on('error', reject)
        .end()
    })
  } finally {
    server.close()
  }
}

coalesceResponseWrites()
coalesceResponseWrites()

test('headers flushed before a one-chunk body go out in the same socket write as the body and its end', async () => {
  let counted = -1
  const body = await serveOnce((res, writes) => {
    res.setHeader('content-type', 'application/json')
    // What Next.js does for a route handler's JSON body: flush, write the one chunk, end.
    res.flushHeaders()
    res.write('{"ok":true}')
    res.end(() => (counted = writes()))
  })
  assert.equal(body, '{"ok":true}')
  assert.equal(counted, 1)
})

test('headers flushed before a body written a tick later go out with the body, not on their own', async () => {
  let beforeEnd = -1
  const body = await serveOnce((res, writes) => {
    res.flushHeaders()
    res.write('first')
    setImmediate(() => {
      beforeEnd = writes()
      res.end()
    })
  })
  assert.equal(body, 'first')
  assert.equal(beforeEnd, 1)
})

test('a streamed body still reaches the client chunk by chunk: a chunk is not held back until the end', async () => {
  let next: (() => void) | undefined
  const chunks: string[] = []
  const body = await serveOnce(
    (res) => {
      res.flushHeaders()
      res.write('one')
      // The second chunk is written only once the client has the first.
      next = () => {
        res.write('two')
        res.end()
      }
    },
    (chunk) => {
      chunks.push(chunk)
      if (chunks.length === 1) next?.()
    },
  )
  assert.equal(body, 'onetwo')
  assert.deepEqual(chunks[0], 'one')
})
