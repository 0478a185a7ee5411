// readablePath: a segment is replaced exactly when decodeURIComponent refuses it, over every one-
// and two-byte escape and the edges of the three- and four-byte UTF-8 forms; others stay as sent.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readablePath } from './readable-path'

const escape = (byte: number) => `%${byte.toString(16).padStart(2, '0')}`

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment)
    return true
  } catch {
    return false
  }
}

function* segments(): Generator<string> {
  const edges = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff]
  for (let a = 0; a < 256; a++) {
    yield escape(a)
    yield `ab${escape(a).toUpperCase()}cd`
    for (let b = 0; b < 256; b++) {
      yield escape(a) + escape(b)
      if (a < 0xe0) continue
      for (const c of edges) {
        yield escape(a) + escape(b) + escape(c)
        if (a >= 0xf0) for (const d of edges) yield escape(a) + escape(b) + escape(c) + escape(d)
      }
    }
  }
  yield* [
    '%',
    '%4',
    '%zz',
    '%4g',
    'a%',
    '%%41',
    'label@draft',
    'sample-plan%40draft',
    '%C3%A9',
    '%e2%82%ac',
    '%F0%9F%98%80',
    '%ED%9F%BF',
    '%ED%A0%80',
    '%F4%8F%BF%BF',
    '%F4%90%80%80',
  ]
}

test('a segment is replaced by U+FFFD exactly when decodeURIComponent refuses it', () => {
  let replaced = 0
  for (const segment of segments()) {
    const path = `/api/plans/input_sets/${segment}/events`
    const expected = decodes(segment) ? path : '/api/plans/input_sets/%EF%BF%BD/events'
    assert.equal(readablePath(path), expected, segment)
    if (!decodes(segment)) replaced++
  }
  assert.ok(replaced > 1000, `${replaced} undecodable segments seen`)
})

test('several bad segments are each replaced; a path without % is returned as it is', () => {
  assert.equal(readablePath('/api/plans/%ff/artifacts/%c0%af'), '/api/plans/%EF%BF%BD/artifacts/%EF%BF%BD')
  assert.equal(readablePath('/ui/plans/input_sets/%ff/review'), '/ui/plans/input_sets/%EF%BF%BD/review')
  const plain = '/api/plans/input_sets/sample-plan/events'
  assert.equal(readablePath(plain), plain)
})
