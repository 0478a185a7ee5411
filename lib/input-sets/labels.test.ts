// Labels and the routes they share a URL level with: every static segment beside a `[label]`
// segment is a reserved label, so a new static page cannot silently hide input sets.
// npm test: database-free
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { InvalidError } from '../errors'
import { assertImportableLabel, assertLabelNotRef, assertValidLabel, parseInputSetRef, RESERVED_LABELS } from './labels'

const APP = path.resolve(import.meta.dirname, '../../app')

/** True when the folder or one below it holds a page or route handler (a reachable URL). */
function isRoute(dir: string): boolean {
  return fs.readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? isRoute(path.join(dir, e.name)) : /^(page|route)\.[jt]sx?$/.test(e.name)))
}

/** Static segment names that sit beside a `[label]` folder anywhere under app/. */
function staticSiblingsOfLabel(dir = APP, out = new Set<string>()): Set<string> {
  const dirs = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())
  if (dirs.some((e) => e.name === '[label]')) {
    for (const e of dirs) {
      // Dynamic segments, route groups, private and parallel-route folders add no URL segment of their own.
      if (/^[[(_@]/.test(e.name)) continue
      if (isRoute(path.join(dir, e.name))) out.add(e.name)
    }
  }
  for (const e of dirs) staticSiblingsOfLabel(path.join(dir, e.name), out)
  return out
}

test('every static route segment beside a [label] segment is a reserved label, and nothing else is', () => {
  const siblings = [...staticSiblingsOfLabel()].sort()
  assert.ok(siblings.includes('upload'), `found ${siblings.join(', ')}`)
  assert.deepEqual([...RESERVED_LABELS].sort(), siblings)
})

test('a reserved label is refused for imports with a message saying why; reading by it still parses', () => {
  for (const label of RESERVED_LABELS) {
    assert.throws(
      () => assertImportableLabel(label),
      (err: unknown) => {
        assert.ok(err instanceof InvalidError)
        assert.equal(err.code, 'invalid_label')
        assert.match(err.message, new RegExp(`'${label}': it is reserved because the portal uses /ui/plans/input_sets/${label}`))
        return true
      },
    )
    assert.equal(assertValidLabel(label), label)
    assert.deepEqual(parseInputSetRef(label), { label, kind: 'current' })
    assert.deepEqual(parseInputSetRef(`${label}@2`), { label, kind: 'number', number: 2 })
  }
  for (const label of ['uploads', 'upload-1', 'Upload', 'my-upload']) assert.equal(assertImportableLabel(label), label)
})

test('where only a label fits, label@N and label@draft are refused saying why and naming the label; other bad labels as before', () => {
  for (const ref of ['fy27@2', 'fy27@draft', 'fy27@x']) {
    assert.throws(
      () => assertLabelNotRef(ref, 'evidence is collected per label'),
      (err: unknown) => {
        assert.ok(err instanceof InvalidError)
        assert.deepEqual([err.code, err.details], ['invalid_label', { field: 'label' }])
        assert.equal(err.message, `'${ref}' names a revision, but evidence is collected per label: give the label 'fy27'.`)
        return true
      },
    )
  }
  assert.throws(() => assertImportableLabel('fy27@3'), /'fy27@3' names a revision, but an import always creates the next revision of a label/)
  assert.throws(() => assertLabelNotRef('../x', 'why'), /Invalid label '\.\.\/x'/)
  assert.throws(() => assertLabelNotRef('@2', 'why'), /Invalid label '@2'/)
  assert.equal(assertLabelNotRef('fy27', 'why'), 'fy27')
})
