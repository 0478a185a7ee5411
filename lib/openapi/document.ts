// The OpenAPI 3.1 document of the REST API, built from the operations that the routes hand to
// withApi (lib/openapi/operations.ts): the same zod schemas validate requests and, in the API
// tests, every response. Nothing here is written by hand but prose (docs/api.md).
import { z } from 'zod'
import { SESSION_COOKIE_NAMES } from '../auth/session-token'
import { SCOPES } from '../auth/principal'
import { errorBodySchema } from '../http/errors'
import type { ApiOperation, ResponseSpec, Schema } from './operation'
import { API_OPERATIONS } from './operations'
import { PUBLIC_PATHS } from './self-operations'

type Json = Record<string, unknown>

const COMPONENTS = '#/components/schemas/'

const TAG_DESCRIPTIONS: Record<string, string> = {
  'Input sets': 'Upload, read, review and export input sets (docs/bundles.md, docs/revisions.md).',
  Diff: 'Row-level comparison of two revisions, made by a background job (docs/diff.md).',
  Impact: 'What a revision does to the rough-cut plan against another, made by a background job (docs/impact.md).',
  Plans: 'Rough-cut plans made from a ready revision (docs/plans-and-runs.md).',
  Runs: 'Runs of a plan, and the older run entrypoint (docs/plans-and-runs.md).',
  Service: 'This description, its reference page and the health probe.',
}

/** The JSON Schema of a zod schema; named sub-schemas (`.meta({id})`) go to components. */
class SchemaWriter {
  readonly components: Record<string, Json> = {}

  write(schema: Schema, io: 'input' | 'output'): Json {
    const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Json
    delete out.$schema
    const defs = (out.$defs ?? {}) as Record<string, Json>
    delete out.$defs
    const id = (out.id as string | undefined) ?? undefined
    for (const [name, def] of Object.entries(defs)) this.components[name] = relink(def)
    if (id) {
      delete out.id
      this.components[id] = relink(out)
      return { $ref: `${COMPONENTS}${id}` }
    }
    return relink(out)
  }
}

/** zod writes references to `#/$defs/X`; the document keeps them under components. */
function relink<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as T
}

/** Path or query parameters from an object schema's input side. */
function parameters(writer: SchemaWriter, schema: Schema | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return []
  const json = writer.write(schema, 'input')
  const properties = (json.properties ?? {}) as Record<string, Json>
  const required = new Set((json.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest }
  })
}

function requestBody(writer: SchemaWriter, op: ApiOperation): Json | undefined {
  if (op.multipart) {
    const fields = op.body ? writer.write(op.body, 'input') : { type: 'object', properties: {} }
    const properties = {
      ...(fields.properties as Json),
      [op.multipart.fileField]: {
        type: 'array',
        description: op.multipart.fileDescription,
        items: { type: 'string', contentMediaType: 'application/octet-stream' },
      },
    }
    const required = [...((fields.required ?? []) as string[]), op.multipart.fileField]
    return { required: true, content: { 'multipart/form-data': { schema: { ...fields, properties, required } } } }
  }
  if (!op.body) return undefined
  return { required: true, content: { 'application/json': { schema: writer.write(op.body, 'input') } } }
}

/** The answers every operation can give besides its own (see withApi and lib/http/errors.ts). */
function commonErrors(op: ApiOperation): Record<number, string> {
  const errors: Record<number, string> = {
    401: 'No valid session or API token (`unauthorized`), or a malformed Authorization header.',
    403: `The caller lacks the \`${op.scope}\` scope, the role does not allow the action, or a signed-in write came from another site.`,
    500: 'An internal error; the message names the request id.',
    503: 'The database cannot be reached just now (`database_unavailable`); Retry-After says when to try again.',
  }
  if (op.params || op.query || op.body || op.multipart) errors[400] = 'A path value, query value or body field is invalid; the message and `details.field` name it.'
  if (op.params) errors[404] = 'Nothing exists under that path (`not_found`); the message names close matches where there are any.'
  if (op.body || op.multipart) errors[413] = 'The request body is larger than the limit (`too_large`); `details.limit_bytes` names it.'
  return errors
}

function header(spec: { description: string; schema?: { type: 'string' | 'integer' } }): Json {
  return { description: spec.description, schema: spec.schema ?? { type: 'string' } }
}

function response(writer: SchemaWriter, spec: ResponseSpec, error: Json | undefined): Json {
  const headers = spec.headers ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([name, h]) => [name, header(h)])) } : {}
  if (!spec.schema && !error && !spec.mediaType) return { description: spec.description, ...headers }
  if (spec.mediaType)
    return { description: spec.description, ...headers, content: { [spec.mediaType]: { schema: { type: 'string', contentMediaType: spec.mediaType } } } }
  const schema = spec.schema ? writer.write(spec.schema, 'output') : error!
  return { description: spec.description, ...headers, content: { 'application/json': { schema } } }
}

/** What a conditional GET adds (docs/api.md, "Caching"): the validator on its 200 and the 304. */
const CACHING_HEADERS: ResponseSpec['headers'] = {
  etag: { description: 'A strong validator of this answer; send it back as If-None-Match.' },
  'cache-control': {
    description: '`private, max-age=31536000, immutable` when every ref is `label@N` and the answer shows content only; else `private, no-cache`.',
  },
}

const IF_NONE_MATCH: Json = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'ETags of copies the client holds (or `*`); a match is answered 304 without a body.',
  schema: { type: 'string' },
}

function conditionalResponses(op: ApiOperation): Record<number, ResponseSpec> {
  if (!op.conditional) return op.responses
  const ok = op.responses[200]
  return {
    ...op.responses,
    200: { ...ok, headers: { ...ok.headers, ...CACHING_HEADERS } },
    304: { description: 'Not modified: the If-None-Match copy is still this answer. No body.', headers: CACHING_HEADERS },
  }
}

function operationObject(writer: SchemaWriter, op: ApiOperation, error: Json): Json {
  const responses: Record<string, Json> = {}
  const own = conditionalResponses(op)
  const common = commonErrors(op)
  const statuses = [...new Set([...Object.keys(own), ...Object.keys(common)].map(Number))].sort((a, b) => a - b)
  for (const status of statuses) {
    const spec = own[status] ?? { description: common[status] }
    // An answer without a schema is an error envelope, except a success such as 304, which has no body.
    responses[String(status)] = response(writer, spec, status < 400 ? undefined : error)
  }
  const body = requestBody(writer, op)
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, `Scope: \`${op.scope}\`.`].filter(Boolean).join('\n\n'),
    tags: [op.tag],
    security: [{ bearerToken: [op.scope] }, { sessionCookie: [] }],
    'x-scope': op.scope,
    parameters: [...parameters(writer, op.params, 'path'), ...parameters(writer, op.query, 'query'), ...(op.conditional ? [IF_NONE_MATCH] : [])],
    ...(body ? { requestBody: body } : {}),
    responses,
  }
}

export type OpenApiDocument = Json & { paths: Record<string, Record<string, Json>> }

export function buildOpenApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS): OpenApiDocument {
  const writer = new SchemaWriter()
  const error = writer.write(errorBodySchema, 'output')
  const paths: Record<string, Record<string, Json>> = {}
  for (const op of operations) {
    const item = (paths[op.path] ??= {})
    if (item[op.method]) throw new Error(`Two operations for ${op.method.toUpperCase()} ${op.path}`)
    item[op.method] = operationObject(writer, op, error)
  }
  for (const [path, methods] of Object.entries(PUBLIC_PATHS)) {
    for (const [method, op] of Object.entries(methods)) {
      const responses = Object.fromEntries(Object.entries(op.responses).map(([status, spec]) => [status, response(writer, spec, undefined)]))
      ;(paths[path] ??= {})[method] = { ...op, responses }
    }
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Planning Hub — Input Sets',
      version: '1',
      description:
        'Upload, validate, review, diff and export planning input sets. Every error answers `{"error": {"code", "message", "details?"}}`. Create an API token with `npx tsx scripts/create_api_token.ts` and send it as `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set([...operations.map((o) => o.tag), ...Object.values(PUBLIC_PATHS).flatMap((m) => Object.values(m).flatMap((o) => o.tags))])].map((name) => ({
      name,
      description: TAG_DESCRIPTIONS[name] ?? name,
    })),
    paths,
    components: {
      schemas: writer.components,
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: `An API token (scripts/create_api_token.ts). Scopes: ${SCOPES.join(', ')}; the operation names the one it needs, and the user's role must grant it too.`,
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE_NAMES[1],
          description: `The portal's sign-in session (\`${SESSION_COOKIE_NAMES[0]}\` on https sites); writes must come from the same origin.`,
        },
      },
    },
  }
}

let cached: OpenApiDocument | undefined

/** The document of this build's operations, made once per process. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument())
}
