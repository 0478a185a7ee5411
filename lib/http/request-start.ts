// Node's `http.server.request.start` diagnostics channel, published synchronously for every
// request before the server's 'request' listener (Next.js) runs: where this app reaches the
// socket and the Node response of a request, which route handlers never see.
import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

export type RequestStart = { request: IncomingMessage; response: ServerResponse; socket: Socket }

// The channel is process-wide and each server bundle may load the modules that subscribe, so
// what is installed is remembered on globalThis, by name.
const anchor = globalThis as typeof globalThis & { __planningHubRequestStart?: Set<string> }

/** Runs `listener` at the start of every request this process serves; once per `name`, however often it is called. */
export function onEveryRequest(name: string, listener: (start: RequestStart) => void): void {
  const installed = (anchor.__planningHubRequestStart ??= new Set())
  if (installed.has(name)) return
  installed.add(name)
  subscribe('http.server.request.start', (message) => listener(message as RequestStart))
}
