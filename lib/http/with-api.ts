// The one wrapper every /api route uses: request id → authenticate → scope → parse
// params, query and body with zod → the route's single domain call → one error mapping.
// Handlers receive the principal's actor; no route reads an actor from the request. The options
// are the route's documented operation (lib/openapi/operation.ts): scope and schemas have one source.
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { readAccess, type ReadAccess } from '../auth/access'
import { requirePrincipal } from '../auth/request-auth'
import type { Principal } from '../auth/principal'
import type { Actor } from '../input-sets/actor'
import type { ApiOperation, Schema } from '../openapi/operation'
import { logInfo } from '../log'
import { observeApiRequest, routePattern } from '../metrics/http'
import type { UploadedFile } from '../input-sets/verbs/import-upload'
import { readJson } from './body'
import { laneJson } from './direct-lane'
import { errorResponse } from './errors'
import { readUpload, type Upload } from './multipart-upload'
import { parseWith } from './parse'
import { assertSameOrigin } from './same-origin'

type Out<S> = S extends Schema ? z.output<S> : undefined

export type ApiContext<P, Q, B> = {
  request: Request
  requestId: string
  principal: Principal
  actor: Actor
  /** Read access for data reads (lib/auth/access.ts); 403 on first use when the principal may not read. */
  readonly access: ReadAccess
  params: P
  query: Q
  body: B
  files: UploadedFile[]
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> }

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** A JSON response with a status other than 200 (201 created …). */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status })
}

export function withApi<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  options: ApiOperation<P, Q, B>,
  handler: (ctx: ApiContext<Out<P>, Out<Q>, Out<B>>) => Promise<Response | object>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const started = Date.now()
    const incoming = request.headers.get('x-request-id')
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    const url = new URL(request.url)
    let principal: Principal | null = null
    let upload: Upload | undefined
    let response: Response
    try {
      principal = await requirePrincipal(request, options.scope)
      if (principal.via === 'session') assertSameOrigin(request)
      const params = parseWith(options.params, await context.params, 'path')
      const query = parseWith(options.query, Object.fromEntries(url.searchParams), 'query')
      let files: UploadedFile[] = []
      let raw: unknown
      if (options.multipart) {
        upload = await readUpload(request, { fileField: options.multipart.fileField, maxBytes: options.multipart.maxBytes() })
        files = upload.files
        raw = upload.fields
      } else if (options.body) {
        raw = await readJson(request)
      }
      const body = parseWith(options.body, raw, 'body')
      const caller = principal
      const ctx = {
        request,
        requestId,
        principal,
        actor: principal.actor,
        params,
        query,
        body,
        files,
        get access() {
          return readAccess(caller)
        },
      }
      const result = await handler(ctx as ApiContext<Out<P>, Out<Q>, Out<B>>)
      response = result instanceof Response ? result : (laneJson(result) ?? Response.json(result))
    } catch (err) {
      response = errorResponse(err, { requestId, method: request.method, path: url.pathname })
    } finally {
      await upload?.dispose()
    }
    response.headers.set('x-request-id', requestId)
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store')
    const durationMs = Date.now() - started
    observeApiRequest(request.method, routePattern(url.pathname, await context.params), response.status, durationMs / 1000)
    logInfo('api_request', {
      request_id: requestId,
      method: request.method,
      path: url.pathname,
      status: response.status,
      duration_ms: durationMs,
      actor: principal?.actor.id ?? null,
    })
    return response
  }
}
