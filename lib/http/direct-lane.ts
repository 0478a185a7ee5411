// The direct lane (docs/architecture.md, "The direct lane"): under scripts/serve.ts, GET requests
// for a few hot, small JSON reads are handed straight to their route handler, the same function
// Next calls, instead of going through Next's routing and rendering pipeline. For answers of a few
// kB that pipeline costs several times the answer (docs/speed.md, "API overhead"). Everything the
// answer depends on stays in the handler (withApi: authentication, scope, parsing, ETags, errors,
// metrics, the request log); what Next would add around it is added here from the same sources:
// the security headers (security-headers.mjs) and gzip/deflate as the client accepts them (Next
// compresses its route answers whatever their size: they are streamed, so it never knows the size).
// A request the lane does not recognise exactly is left to Next.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { errorFields, logError } from '../log'
import { errorResponse } from './errors'
import { nonPageHeaders, securityHeaders } from './security-headers.mjs'

type RouteContext = { params: Promise<Record<string, string>> }
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>

/** A route as Next names it (`/api/plans/input_sets/[label]/events`) and its GET handler. */
export type DirectRoute = { pattern: string; GET: RouteHandler }

type CompiledRoute = { segments: (string | { param: string })[]; GET: RouteHandler }

/** Answers a request it serves and returns true; returns false, having written nothing, for Next to answer. */
export type DirectLane = (req: IncomingMessage, res: ServerResponse) => boolean

const afterTasks = new AsyncLocalStorage<(() => unknown)[]>()

/**
 * Inside an answer of the direct lane: queue `task` to run once the response is sent (what
 * Next's after() does for its own answers) and return true. Elsewhere return false.
 */
export function deferToDirectLane(task: () => unknown): boolean {
  const tasks = afterTasks.getStore()
  if (!tasks) return false
  tasks.push(task)
  return true
}

// The text of a JSON answer made by laneJson, which the lane writes as it is.
const JSON_TEXT = Symbol('direct lane JSON text')
type LaneAnswer = Response & { [JSON_TEXT]?: string }

/**
 * Inside an answer of the direct lane: a JSON answer whose text the lane writes itself, a
 * Response without a body stream (building the stream and reading it back cost about a tenth of
 * a small answer's time, docs/speed.md "The direct lane"). Elsewhere undefined: make the
 * Response as usual.
 */
export function laneJson(body: unknown): Response | undefined {
  if (!afterTasks.getStore()) return undefined
  const text = JSON.stringify(body)
  if (typeof text !== 'string') return undefined
  const response: LaneAnswer = new Response(null, { headers: { 'content-type': 'application/json' } })
  response[JSON_TEXT] = text
  return response
}

export function directLane(routes: DirectRoute[]): DirectLane {
  const compiled = routes.map(compile)
  return (req, res) => {
    if (req.method !== 'GET') return false
    const target = splitTarget(req.url)
    if (!target) return false
    for (const route of compiled) {
      const params = matchRoute(route, target.segments)
      if (!params) continue
      const tasks: (() => unknown)[] = []
      afterTasks
        .run(tasks, () => answer(req, res, route.GET, params, target.path))
        .finally(() => runAfterTasks(tasks))
        .catch(() => undefined)
      return true
    }
    return false
  }
}

function compile(route: DirectRoute): CompiledRoute {
  const segments = route.pattern.split('/').map((s) => (s.startsWith('[') && s.endsWith(']') ? { param: s.slice(1, -1) } : s))
  return { segments, GET: route.GET }
}

/** The path's segments, decoded; null for anything Next normalises or refuses (empty or undecodable segments). */
function splitTarget(url: string | undefined): { path: string; segments: string[] } | null {
  if (!url?.startsWith('/')) return null
  const query = url.indexOf('?')
  const path = query < 0 ? url : url.slice(0, query)
  const raw = path.split('/')
  const segments: string[] = ['']
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === '' || raw[i] === '.' || raw[i] === '..') return null
    try {
      segments.push(decodeURIComponent(raw[i]))
    } catch {
      return null
    }
  }
  return { path, segments }
}

function matchRoute(route: CompiledRoute, segments: string[]): Record<string, string> | null {
  if (route.segments.length !== segments.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i]
    if (typeof want === 'string') {
      if (want !== segments[i]) return null
    } else params[want.param] = segments[i]
  }
  return params
}

async function answer(req: IncomingMessage, res: ServerResponse, handler: RouteHandler, params: Record<string, string>, path: string): Promise<void> {
  try {
    const response = await handler(toRequest(req), { params: Promise.resolve(params) })
    await send(req, res, response)
  } catch (err) {
    // withApi answers every error itself; reaching here is a fault of the lane.
    logError('direct_lane_failed', { path, ...errorFields(err) })
    if (res.headersSent) return void res.destroy()
    await send(req, res, errorResponse(err, { requestId: randomUUID(), method: 'GET', path }))
  }
}

// A Host header that is a host name or address, with an optional port; anything else is not used in the URL.
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

function toRequest(req: IncomingMessage): Request {
  // From req.headers, as Next builds its Request, never from rawHeaders: the peer address stamp
  // (peer-address.ts) is written into req.headers over whatever the client sent under its name.
  // Name and value pairs, which the Request's own Headers takes in one pass (a Headers object
  // here would be copied into it once more).
  const headers: [string, string][] = []
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.push([name, value])
    else if (value) for (const v of value) headers.push([name, v])
  }
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : 'localhost'
  return new Request(`http://${host}${req.url}`, { method: 'GET', headers })
}

/** What Next's headers() rules in next.config.mjs give every API answer, made once. */
const ANSWER_HEADERS: Record<string, string> = Object.fromEntries([...securityHeaders, ...nonPageHeaders].map(({ key, value }) => [key, value]))

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = { ...ANSWER_HEADERS }
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) headers['set-cookie'] = cookies
  const text = (response as LaneAnswer)[JSON_TEXT]
  let body = text !== undefined ? Buffer.from(text) : response.body ? Buffer.from(await response.arrayBuffer()) : undefined
  if (body && isCompressible(response.headers)) {
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding'
    const encoding = body.length > 0 ? chooseEncoding(req.headers['accept-encoding']) : 'identity'
    if (encoding !== 'identity') {
      body = await (encoding === 'gzip' ? gzip : deflate)(body)
      headers['content-encoding'] = encoding
    }
  }
  if (body) headers['content-length'] = String(body.length)
  res.writeHead(response.status, headers)
  res.end(body)
}

const gzip = promisify(zlib.gzip)
const deflate = promisify(zlib.deflate)

const COMPRESSIBLE = /^(application\/(json|problem\+json|.*\+json)|text\/[a-z.+-]+)(\s*;|$)/i

function isCompressible(headers: Headers): boolean {
  if (headers.has('content-encoding')) return false
  if (/(^|,)\s*no-transform\s*(,|$)/i.test(headers.get('cache-control') ?? '')) return false
  return COMPRESSIBLE.test(headers.get('content-type') ?? '')
}

/** gzip, then deflate, as Next prefers them among equal weights; identity when the client accepts neither. */
export function chooseEncoding(acceptEncoding: string | undefined): 'gzip' | 'deflate' | 'identity' {
  if (!acceptEncoding) return 'identity'
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...rest] = part.trim().toLowerCase().split(';')
    const q = rest.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean)
    weights.set(name, q ? Number(q[1]) : 1)
  }
  const weight = (name: string) => weights.get(name) ?? weights.get('*') ?? 0
  const best = Math.max(weight('gzip'), weight('deflate'))
  if (best <= 0 || best < (weights.get('identity') ?? 0)) return 'identity'
  return weight('gzip') >= weight('deflate') ? 'gzip' : 'deflate'
}

async function runAfterTasks(tasks: (() => unknown)[]): Promise<void> {
  for (const task of tasks) {
    try {
      await task()
    } catch (err) {
      logError('after_response_failed', errorFields(err))
    }
  }
}
