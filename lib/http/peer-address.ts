// The address at the other end of the TCP connection, for route handlers, which never see the
// socket: Next.js builds their Request from the headers alone. So each request is stamped with
// its socket's address and scheme before Next.js reads it, under header names of our own; any
// value a client sent under those names is overwritten.
//
// Why not X-Forwarded-For: Next.js (node_modules/next/dist/server/base-server.js, handleRequest,
// "Update the `x-forwarded-*` headers") only fills the x-forwarded-* headers in when they are
// absent — `req.headers['x-forwarded-for'] ??= originalRequest.socket.remoteAddress`, and the
// same `??=` for x-forwarded-host (the Host header), -port and -proto. A client-sent
// X-Forwarded-For is passed on untouched, with nothing appended, so it cannot tell the socket
// address apart from what the client made up.
//
// The stamp is set from Node's `http.server.request.start` diagnostics channel (lib/http/request-start.ts),
// which Node publishes synchronously for every request before the server's 'request' listener
// (Next.js) runs. instrumentation.ts subscribes once per server process. A request served before that
// (during start-up) carries no stamp; readers then treat its address as unknown.
import type { TLSSocket } from 'node:tls'
import { onEveryRequest } from './request-start'

export const PEER_ADDRESS_HEADER = 'x-planning-hub-peer-address'
export const PEER_PROTO_HEADER = 'x-planning-hub-peer-proto'

/** Plain header records (next-auth's `req.headers`) as well as Fetch API Headers. */
export type HeaderSource = Headers | Record<string, unknown> | undefined

/** One header's value; repeated headers are joined with ', ' as Node joins them. */
export function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null
  if (headers instanceof Headers) return headers.get(name)
  const value = headers[name]
  if (value === undefined || value === null) return null
  return Array.isArray(value) ? value.map(String).join(', ') : String(value)
}

/** Idempotent per process. */
export function stampPeerAddresses(): void {
  onEveryRequest('peer-address', ({ request, socket }) => {
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? ''
    request.headers[PEER_PROTO_HEADER] = (socket as TLSSocket).encrypted ? 'https' : 'http'
  })
}

/** The socket's address as stamped, or null when the request was not stamped. */
export function peerAddress(headers: HeaderSource): string | null {
  return headerValue(headers, PEER_ADDRESS_HEADER) || null
}

/** The socket's scheme as stamped, or null when the request was not stamped. */
export function peerProtocol(headers: HeaderSource): 'http' | 'https' | null {
  const proto = headerValue(headers, PEER_PROTO_HEADER)
  return proto === 'http' || proto === 'https' ? proto : null
}
