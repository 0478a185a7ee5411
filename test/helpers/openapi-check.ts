// Every answer the API tests receive is checked against the OpenAPI document (lib/openapi):
// its status must be documented for that operation and its JSON body must match the schema
// documented for that status. TestServer.fetch runs this on every response, so a route whose real
// answer drifts from the document fails the test that saw it, naming the route and the mismatch.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { ValidateFunction } from 'ajv'
import { buildOpenApiDocument, type OpenApiDocument } from '../../lib/openapi/document'

type Route = { template: string; pattern: RegExp; literalSegments: number }

/** Paths the document does not describe: next-auth's own endpoints. */
const UNDESCRIBED = /^\/api\/auth(\/|$)/
const DESCRIBED = /^\/(api|runs)(\/|$)/

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')

class DocumentCheck {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  private readonly routes: Route[]
  private readonly validators = new Map<string, ValidateFunction>()

  constructor(readonly doc: OpenApiDocument) {
    addFormats.default(this.ajv)
    this.ajv.addSchema(doc as object, 'openapi')
    this.routes = Object.keys(doc.paths)
      .map((template) => {
        const segments = template.split('/')
        const source = segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')
        return { template, pattern: new RegExp(`^${source}$`), literalSegments: segments.filter((s) => !s.startsWith('{')).length }
      })
      // A literal segment beats a parameter: /api/openapi.json before a {label}-like match.
      .sort((a, b) => b.literalSegments - a.literalSegments)
  }

  route(pathname: string): Route | undefined {
    return this.routes.find((r) => r.pattern.test(pathname))
  }

  validator(template: string, method: string, status: string, mediaType: string): ValidateFunction {
    const ref = `openapi#/${pointer('paths', template, method, 'responses', status, 'content', mediaType, 'schema')}`
    let v = this.validators.get(ref)
    if (!v) {
      v = this.ajv.compile({ $ref: ref })
      this.validators.set(ref, v)
    }
    return v
  }
}

let check: DocumentCheck | undefined
const documentCheck = () => (check ??= new DocumentCheck(buildOpenApiDocument()))

type Responses = Record<string, { content?: Record<string, unknown> }>

/** Throws when `res` (the answer to `method path`) is not what the document says. */
export async function assertDocumented(method: string, pathAndQuery: string, res: Response): Promise<void> {
  const pathname = new URL(pathAndQuery, 'http://x').pathname
  if (!DESCRIBED.test(pathname) || UNDESCRIBED.test(pathname)) return
  const c = documentCheck()
  const route = c.route(pathname)
  if (!route) return // No route answers there (404 from Next): nothing to drift from.
  const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()
  const what = `${method.toUpperCase()} ${pathname} (${route.template}) answered ${res.status}`
  const operation = c.doc.paths[route.template][verb] as { responses: Responses } | undefined
  if (!operation) {
    // Methods a route does not implement: 405 with Allow and the error envelope, OPTIONS 204.
    if (verb === 'options' && res.status === 204) return
    if (res.status !== 405) throw new Error(`OpenAPI drift: ${what}, but the document has no ${method.toUpperCase()} operation there`)
    return
  }
  const documented = operation.responses[String(res.status)]
  if (!documented) {
    throw new Error(`OpenAPI drift: ${what}, which the document does not list (it lists ${Object.keys(operation.responses).join(', ')})`)
  }
  const contentType = res.headers.get('content-type')?.split(';')[0].trim() ?? ''
  const content = documented.content ?? {}
  if (Object.keys(content).length === 0) return
  if (!(contentType in content))
    throw new Error(`OpenAPI drift: ${what} as ${contentType || 'no content type'}; the document says ${Object.keys(content).join(', ')}`)
  if (contentType !== 'application/json' || method.toUpperCase() === 'HEAD') return
  const body = (await res.clone().json()) as unknown
  const validate = c.validator(route.template, verb, String(res.status), contentType)
  if (!validate(body)) {
    const problems = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    throw new Error(`OpenAPI drift: ${what} with a body that does not match the document:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 600)}`)
  }
}
