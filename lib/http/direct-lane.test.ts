// How the direct lane picks a content encoding from Accept-Encoding: as Next's compression does,
// gzip before deflate at equal weight, q=0 refuses, `*` covers what is not named.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { chooseEncoding } from './direct-lane'

test('no Accept-Encoding, or only identity, gets the body as it is', () => {
  assert.equal(chooseEncoding(undefined), 'identity')
  assert.equal(chooseEncoding(''), 'identity')
  assert.equal(chooseEncoding('identity'), 'identity')
  assert.equal(chooseEncoding('br'), 'identity')
})

test('gzip is preferred to deflate at equal weight; a higher weight wins', () => {
  assert.equal(chooseEncoding('gzip, deflate, br'), 'gzip')
  assert.equal(chooseEncoding('deflate, gzip'), 'gzip')
  assert.equal(chooseEncoding('gzip;q=0.5, deflate'), 'deflate')
  assert.equal(chooseEncoding('DEFLATE'), 'deflate')
})

test('q=0 refuses an encoding, and * stands for the ones not named', () => {
  assert.equal(chooseEncoding('gzip;q=0'), 'identity')
  assert.equal(chooseEncoding('*'), 'gzip')
  assert.equal(chooseEncoding('*, gzip;q=0'), 'deflate')
  assert.equal(chooseEncoding('gzip;q=0.2, identity;q=1'), 'identity')
})
