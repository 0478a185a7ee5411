// One API operation, written once next to its feature's schemas: withApi (lib/http/with-api.ts)
// authenticates, checks the scope and parses with it, and the OpenAPI document
// (lib/openapi/document.ts) describes it from the same object, so the two cannot disagree.
// Adding an operation is one entry in its feature's operations file plus its route.
import type { z } from 'zod'
import type { Scope } from '../auth/principal'

export type Schema = z.ZodType

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** One documented answer: a JSON body (schema), a download (mediaType + binary), or none. */
export type ResponseSpec = {
  description: string
  schema?: Schema
  /** A non-JSON body, e.g. application/zip; documented as binary. */
  mediaType?: string
  headers?: Record<string, { description: string; schema?: { type: 'string' | 'integer' } }>
}

export type ApiOperation<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> = {
  method: HttpMethod
  /** The path as OpenAPI writes it: `/api/plans/input_sets/{label}`. */
  path: string
  operationId: string
  summary: string
  description?: string
  tag: string
  scope: Scope
  params?: P
  query?: Q
  /** A JSON body, or (with `multipart`) the text fields of a multipart form. */
  body?: B
  /** Read the body as multipart/form-data: files under `fileField` (spooled to disk for the handler's run), at most `maxBytes()` bytes. */
  multipart?: { fileField: string; maxBytes: () => number; fileDescription: string }
  /**
   * The handler answers conditional GETs (lib/http/conditional.ts): its 200 carries ETag and
   * Cache-Control, and a matching If-None-Match is answered 304. The document adds all three.
   */
  conditional?: true
  /**
   * The answers of the handler itself, by status. The answers every operation can give
   * (401, 403, 500, 503; 400 when it parses input; 413 with a body) are added by the document.
   */
  responses: Record<number, ResponseSpec>
}

/** Keeps the schemas' own types, so the route's handler sees its parsed input typed. */
export function defineOperation<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  op: ApiOperation<P, Q, B>,
): ApiOperation<P, Q, B> {
  return op
}

/** A path answered outside withApi (a page, a probe): described, with its own security. */
export type PublicOperation = {
  operationId: string
  summary: string
  tags: string[]
  security: Record<string, string[]>[]
  responses: Record<number, ResponseSpec>
}
