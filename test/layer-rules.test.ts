// The layer rule "components never import data-reading modules" (.dependency-cruiser.cjs) names
// those modules one by one; this keeps the list complete: a lib module whose functions take a
// ReadAccess reads set data and must be on it, and every module on it must exist. The folder rules
// of lib/input-sets name its sub-folders in patterns; this keeps the folders they name and the
// folders there the same, so a renamed or new folder cannot fall out of the layering unnoticed.
// npm test: database-free
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

type Rule = { name: string; from: { path?: string }; to: { path?: string | string[] } }

function rules(): Rule[] {
  return (createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Rule[] }).forbidden
}

function listedModules(): string[] {
  const rule = rules().find((r) => r.name === RULE)
  assert.ok(rule, `rule ${RULE} is missing from .dependency-cruiser.cjs`)
  // Each entry is an anchored, escaped file path: ^lib/input-sets/queries/detail\.ts$
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

/** The lib/input-sets sub-folders a rule's patterns name: `input-sets/bundle/` or `input-sets/(store|queries)/`. */
function foldersNamedBy(rule: Rule): string[] {
  const patterns = [rule.from.path, rule.to.path].flat().filter((re) => re !== undefined)
  return patterns.flatMap((re) => [...re.matchAll(/input-sets\/(?:\(([a-z|-]+)\)|([a-z-]+))\//g)].flatMap((m) => (m[1] ?? m[2]).split('|')))
}

test('the folder rules of lib/input-sets name exactly its sub-folders', () => {
  const folderRules = rules().filter((r) => r.name.startsWith('input-sets-'))
  assert.ok(folderRules.length > 0, 'the input-sets-* folder rules are missing from .dependency-cruiser.cjs')
  const named = new Set(folderRules.flatMap(foldersNamedBy))
  const present = fs
    .readdirSync(path.join(ROOT, 'lib/input-sets'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
  const gone = [...named].filter((folder) => !present.includes(folder))
  const unplaced = present.filter((folder) => !named.has(folder))
  assert.deepEqual(gone, [], `the input-sets-* rules in .dependency-cruiser.cjs name folders that do not exist, so they check nothing: ${gone.join(', ')}`)
  assert.deepEqual(unplaced, [], `give these lib/input-sets folders their place in the input-sets-* rules of .dependency-cruiser.cjs: ${unplaced.join(', ')}`)
})
