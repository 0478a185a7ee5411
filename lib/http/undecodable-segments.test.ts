// The segment patterns of the rewrites that keep undecodable path segments from reaching Next's
// router: a segment counts as undecodable exactly when decodeURIComponent throws for it, over
// every one- and two-byte escape and the edges of the three- and four-byte UTF-8 forms.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DECODABLE_SEGMENT, UNDECODABLE_SEGMENT, undecodableSegmentRewrites } from './undecodable-segments.mjs'

// Case-insensitive, as Next matches rewrite sources; whole segments only.
const decodable = new RegExp(`^(?:${DECODABLE_SEGMENT})$`, 'i')
const undecodable = new RegExp(`^(?:${UNDECODABLE_SEGMENT})$`, 'i')
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
  yield* ['%', '%4', '%zz', '%4g', 'a%', '%%41', 'label@draft', 'sample-plan%40draft', '%C3%A9', '%e2%82%ac', '%F0%9F%98%80', '%ED%9F%BF', '%ED%A0%80', '%F4%8F%BF%BF', '%F4%90%80%80']
}

test('a segment is undecodable exactly when decodeURIComponent refuses it', () => {
  let checked = 0
  for (const segment of segments()) {
    const ok = decodes(segment)
    assert.equal(decodable.test(segment), ok, `${segment}: decodable`)
    assert.equal(undecodable.test(segment), !ok, `${segment}: undecodable`)
    checked++
  }
  assert.ok(checked > 100_000, `${checked} segments`)
})

test('rewrites replace the first undecodable segments with U+FFFD, most first, and keep the rest of the path', () => {
  const rewrites = undecodableSegmentRewrites()
  assert.deepEqual(
    rewrites.map((r) => r.destination),
    [
      '/:head/%EF%BF%BD:between1/%EF%BF%BD:between2/%EF%BF%BD/:tail*',
      '/:head/%EF%BF%BD:between1/%EF%BF%BD/:tail*',
      '/:head/%EF%BF%BD/:tail*',
    ],
  )
  for (const r of rewrites) assert.ok(r.source.startsWith('/:head(') && r.source.endsWith('/:tail*'), r.source)
})
