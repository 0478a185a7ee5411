// One socket write per small response instead of two (docs/speed.md, "The floor").
//
// Next.js sends every response body through a web stream (node_modules/next/dist/server/pipe-readable.js):
// just before the first body chunk it calls `res.flushHeaders()`, which writes the header block to
// the socket on its own; the body and the end of the response follow in a second write. For a
// JSON answer of a few kilobytes each of those writes, a system call and a TCP segment, costs
// about as much CPU as the token check or the query behind the answer.
//
// Here the socket is corked while the headers are flushed and uncorked on the next tick, the way
// Node itself corks a chunked `write()`: the headers, the body and (when the stream ends in the
// same tick, as a one-chunk body does) the end go out in one write. Nothing waits longer than
// the tick it was written in, so a streamed page still reaches the client chunk by chunk.
//
// Installed on each response as its request starts (lib/http/request-start.ts), by
// instrumentation.ts once per server process.
import { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { onEveryRequest } from './request-start'

/** Idempotent per process. */
export function coalesceResponseWrites(): void {
  onEveryRequest('response-writes', ({ response }) => {
    response.flushHeaders = flushHeadersWithNextWrite
  })
}

function flushHeadersWithNextWrite(this: ServerResponse): void {
  const socket = this.socket
  if (socket && !socket.writableCorked) {
    socket.cork()
    process.nextTick(uncork, socket)
  }
  ServerResponse.prototype.flushHeaders.call(this)
}

// `end()` may have uncorked the socket fully already; uncorking an uncorked socket does nothing.
function uncork(socket: Socket): void {
  socket.uncork()
}
