// The generated OpenAPI document is valid (two independent validators), describes every route
// under /api and /runs with the methods its file implements, and takes each operation's scope
// from the operation withApi enforces.
// npm test: database-free
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { test } from 'node:test'
import SwaggerParser from '@apidevtools/swagger-parser'
import { buildOpenApiDocument } from './document'
import { API_OPERATIONS } from './operations'

const ROOT = path.resolve(import.meta.dirname, '../..')
const doc = buildOpenApiDocument()

test('the document is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
  // validate() dereferences in place: give it a copy.
  const api = await SwaggerParser.validate(structuredClone(doc) as never)
  assert.equal((api as { openapi: string }).openapi, '3.1.1')
})

test('redocly lint finds no errors in the document', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json')
  fs.writeFileSync(file, JSON.stringify(doc))
  const run = promisify(execFile)
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }
  // Exit 1 on any error; warnings pass. The output is kept for the failure message.
  const result = await run(path.join(ROOT, 'node_modules/.bin/redocly'), ['lint', file, '--format=json'], { env, cwd: path.dirname(file) }).catch(
    (err: { code: number; stdout: string; stderr: string }) => err,
  )
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { totals: { errors: number }; problems: { message: string; severity: string }[] }
  const errors = report.problems.filter((p) => p.severity === 'error')
  assert.deepEqual(errors, [], JSON.stringify(errors, null, 1))
  assert.equal(report.totals.errors, 0)
})

/** Route files under app/api and app/runs, with the OpenAPI path their folder names. */
function routeFiles(dir = path.join(ROOT, 'app'), out: { file: string; path: string }[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) routeFiles(p, out)
    else if (entry.name === 'route.ts') {
      const rel = path.relative(path.join(ROOT, 'app'), path.dirname(p)).split(path.sep)
      if (rel[0] !== 'api' && rel[0] !== 'runs') continue
      out.push({ file: p, path: `/${rel.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/')}` })
    }
  }
  return out
}

/** The methods a route file implements itself (not the 405s otherMethods makes). */
function implementedMethods(source: string): string[] {
  const own = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g), ...source.matchAll(/\b\w+ as (GET|POST|PUT|PATCH|DELETE)\b/g)]
  return [...new Set(own.map((m) => m[1].toLowerCase()))].sort()
}

test('every route under /api and /runs is in the document with the methods its file implements', () => {
  const routes = routeFiles().filter((r) => !r.path.startsWith('/api/auth/'))
  assert.ok(routes.length >= 15, `found only ${routes.length} route files`)
  for (const route of routes) {
    const item = doc.paths[route.path]
    assert.ok(item, `${route.path} (${path.relative(ROOT, route.file)}) is not in the document`)
    const methods = implementedMethods(fs.readFileSync(route.file, 'utf8'))
    const documented = Object.keys(item).sort()
    assert.deepEqual(documented, methods, `${route.path}: the document has ${documented.join(', ')}, the route implements ${methods.join(', ')}`)
  }
})

test("each operation's security names the scope withApi enforces, and every error status answers the error envelope", () => {
  for (const op of API_OPERATIONS) {
    const described = doc.paths[op.path][op.method] as {
      security: Record<string, string[]>[]
      responses: Record<string, { content?: Record<string, { schema: unknown }> }>
    }
    assert.deepEqual(described.security, [{ bearerToken: [op.scope] }, { sessionCookie: [] }], `${op.operationId}`)
    for (const [status, answer] of Object.entries(described.responses)) {
      if (Number(status) < 400 || op.responses[Number(status)]?.schema) continue
      assert.deepEqual(answer.content?.['application/json']?.schema, { $ref: '#/components/schemas/Error' }, `${op.operationId} ${status}`)
    }
  }
})

test('two operations for the same method and path are refused', () => {
  const [first] = API_OPERATIONS
  assert.throws(() => buildOpenApiDocument([first, { ...first }]), /Two operations for GET \/api\/plans\/input_sets/)
})
