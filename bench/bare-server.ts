// The floor for bench/load.ts: a bare node:http server that answers the two endpoints the load
// targets name — events and the cached diff — with the app's own token check (verifyApiToken and
// the scope rule) and the app's own queries through the same driver (listEvents, requestDiff,
// diffStateResponse). What it leaves out is exactly what the real server adds: Next's routing and
// rendering pipeline, withApi's zod parsing, metrics and request logging. The ratio of the two
// throughputs is therefore the cost of everything around the query.
// Run by bench/load.ts: `tsx bench/bare-server.ts <port> <workers>` with DATABASE_URL and
// DIFF_CACHE_DIR set like the real server's. Workers 0 or 1: one process; N: node:cluster.
import cluster from 'node:cluster'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readAccess } from '../lib/auth/access'
import { hasScope } from '../lib/auth/principal'
import { verifyApiToken } from '../lib/auth/tokens'
import { referenceOrThrow } from '../lib/diff/reference'
import { requestDiff } from '../lib/diff/request'
import { diffStateResponse } from '../lib/http/diff-response'
import { parseWith } from '../lib/http/parse'
import { listEvents } from '../lib/input-sets/queries/events'
import { eventsQuery, parsedRefParams, refParams } from '../lib/input-sets/schema'
import { diffQuery } from '../lib/diff/schema'

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i
const ROUTE = /^\/api\/plans\/input_sets\/([^/]+)\/(events|diff)$/

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
  res.end(body)
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bench')
  const route = ROUTE.exec(url.pathname)
  if (req.method !== 'GET' || !route) return send(res, 404, '{"error":"not_found"}')
  const token = BEARER.exec(req.headers.authorization ?? '')
  const principal = token ? await verifyApiToken(token[1]) : null
  if (!principal) return send(res, 401, '{"error":"unauthorized"}')
  if (!hasScope(principal, 'input_sets:read')) return send(res, 403, '{"error":"forbidden"}')
  const access = readAccess(principal)
  const rawParams = { label: decodeURIComponent(route[1]) }
  const rawQuery = Object.fromEntries(url.searchParams)
  // The same schemas the routes parse with, so both servers do the same work per request.
  if (route[2] === 'events') {
    const { label } = parseWith(refParams, rawParams, 'path')
    const { limit } = parseWith(eventsQuery, rawQuery, 'query')
    return send(res, 200, JSON.stringify(await listEvents(access, label, limit)))
  }
  const { label: current } = parseWith(parsedRefParams, rawParams, 'path')
  const query = parseWith(diffQuery, rawQuery, 'query')
  const against = await referenceOrThrow(access, current, query.against, '')
  const state = await requestDiff(access, { current, against }, { requestedBy: principal.actor.name })
  const answered = diffStateResponse(state, { section: query.section, kind: query.kind, page: query.page, pageSize: query.page_size })
  send(res, answered.status, await answered.text())
}

function serve(port: number): void {
  createServer((req, res) => {
    answer(req, res).catch((err: unknown) => send(res, 500, JSON.stringify({ error: String(err) })))
  }).listen(port, '127.0.0.1')
}

const [port, workers] = process.argv.slice(2).map(Number)
if (cluster.isPrimary && workers > 1) for (let i = 0; i < workers; i++) cluster.fork()
else serve(port)
