// The layer rule "components never import data-reading modules" (.dependency-cruiser.cjs) names
// those modules one by one; this keeps the list complete: a lib module whose functions take a
// ReadAccess reads set data and must be on it, and every module on it must exist.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { test } from 'node:test'

const ROOT = path.resolve(import.meta.dirname, '..')
const RULE = 'components-not-to-data-reading-modules'

/** Modules that mention ReadAccess without reading data with it. */
const NOT_DATA_READERS = new Map([
  ['lib/auth/access.ts', 'defines ReadAccess'],
  ['lib/http/with-api.ts', 'mints the access for a route handler and passes it on'],
])

type Rule = { name: string; to: { path?: string | string[] } }

function listedModules(): string[] {
  const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Rule[] }
  const rule = config.forbidden.find((r) => r.name === RULE)
  assert.ok(rule, `rule ${RULE} is missing from .dependency-cruiser.cjs`)
  // Each entry is an anchored, escaped file path: ^lib/input-sets/detail\.ts$
  return [rule.to.path ?? []].flat().map((re) => re.replace(/^\^|\$$/g, '').replace(/\\/g, ''))
}

function libModules(dir = path.join(ROOT, 'lib'), out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'generated') libModules(p, out)
    else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) out.push(path.relative(ROOT, p))
  }
  return out
}

test('every lib module that reads with a ReadAccess is a data-reading module for the layer rules', () => {
  const listed = new Set(listedModules())
  const readers = libModules().filter((file) => !NOT_DATA_READERS.has(file) && /\bReadAccess\b/.test(fs.readFileSync(path.join(ROOT, file), 'utf8')))
  const missing = readers.filter((file) => !listed.has(file))
  assert.deepEqual(missing, [], `add these to DATA_READING_MODULES in .dependency-cruiser.cjs: ${missing.join(', ')}`)
})

test('every data-reading module named by the layer rules exists', () => {
  const gone = listedModules().filter((file) => !fs.existsSync(path.join(ROOT, file)))
  assert.deepEqual(gone, [], `remove or rename these in DATA_READING_MODULES (.dependency-cruiser.cjs): ${gone.join(', ')}`)
})
