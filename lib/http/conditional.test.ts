// The validator and If-None-Match rules of lib/http/conditional.ts, without a server; the routes
// are tested over HTTP in test/api/caching.test.ts.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ifNoneMatchHits, validatorOf } from './conditional'

const rows = { route: 'listSectionRows', hashes: ['h1'], representation: { section: 'item', page: 1 }, pinned: true }

test('the ETag follows what identifies the answer and nothing else', () => {
  const etag = validatorOf(rows).etag
  assert.match(etag, /^"[A-Za-z0-9_-]{32}"$/)
  assert.equal(validatorOf({ ...rows, representation: { page: 1, section: 'item' } }).etag, etag, 'key order does not matter')
  assert.equal(validatorOf({ ...rows, representation: { ...rows.representation, kind: undefined } }).etag, etag, 'an undefined value is as if absent')
  assert.equal(validatorOf({ ...rows, pinned: false }).etag, etag, 'a moving ref naming the same content shares the ETag')
  for (const other of [{ hashes: ['h2'] }, { route: 'getDiff' }, { representation: { section: 'item', page: 2 } }, { state: ['ready'] }]) {
    assert.notEqual(validatorOf({ ...rows, ...other }).etag, etag, JSON.stringify(other))
  }
})

test('only pinned content answers are immutable', () => {
  assert.equal(validatorOf(rows).cacheControl, 'private, max-age=31536000, immutable')
  assert.equal(validatorOf({ ...rows, pinned: false }).cacheControl, 'private, no-cache')
  assert.equal(validatorOf({ ...rows, state: ['draft'] }).cacheControl, 'private, no-cache')
})

test('If-None-Match: *, lists, weak comparison, and tags holding commas', () => {
  assert.equal(ifNoneMatchHits(null, '"a"'), false)
  assert.equal(ifNoneMatchHits('*', '"a"'), true)
  assert.equal(ifNoneMatchHits(' * ', '"a"'), true)
  assert.equal(ifNoneMatchHits('"a"', '"a"'), true)
  assert.equal(ifNoneMatchHits('W/"a"', '"a"'), true)
  assert.equal(ifNoneMatchHits('"x", W/"y" ,"a"', '"a"'), true)
  assert.equal(ifNoneMatchHits('"x,a", "y"', '"a"'), false, 'a comma inside a tag does not split it')
  assert.equal(ifNoneMatchHits('"x,a"', '"x,a"'), true)
  assert.equal(ifNoneMatchHits('a', '"a"'), false, 'an unquoted value is not an entity tag')
  assert.equal(ifNoneMatchHits('"ab"', '"a"'), false)
  assert.equal(ifNoneMatchHits('', '"a"'), false)
})
