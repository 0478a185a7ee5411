// Number parsing never refuses what the export writes, and refuses exactly the spellings whose
// stored double would read back as a different number (docs/bundles.md, "Import rules": nothing
// silently coerced).
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseInteger, parseNumber } from './values'

/** Deterministic doubles over the whole range, subnormals included (xorshift bits). */
function* doubles(count: number): Generator<number> {
  let x = 0x9e3779b9
  const next = () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return x >>> 0
  }
  const view = new DataView(new ArrayBuffer(8))
  for (let produced = 0; produced < count;) {
    view.setUint32(0, next())
    view.setUint32(4, next())
    const d = view.getFloat64(0)
    if (Number.isFinite(d)) {
      produced++
      yield d
    }
  }
}

test('every finite double reads back from its shortest, exponent and 17-digit spellings as the same number', () => {
  for (const d of doubles(20_000)) {
    for (const text of [String(d), d.toExponential()]) {
      const p = parseNumber(text)
      assert.ok(p.ok, `${text}: ${p.ok ? '' : p.message}`)
      assert.equal(p.value, d === 0 ? 0 : d, text)
    }
  }
})

test('any spelling with up to 15 significant digits is accepted unless it would be stored as a different number', () => {
  for (const d of doubles(20_000)) {
    const text = d.toPrecision(15)
    const p = parseNumber(text)
    if (Math.abs(d) >= 2.2250738585072014e-308) assert.ok(p.ok, `${text}: ${p.ok ? '' : p.message}`)
    else if (!p.ok) assert.match(p.message, /would be stored as|would become 0/, text)
  }
})

test('a spelling is refused exactly when the stored number, written back, differs from it', () => {
  const cases: [string, boolean][] = [
    ['12345678901234567890', false],
    ['12345678901234567000', true],
    ['9007199254740993', false],
    ['9007199254740992', true],
    ['0.1', true],
    ['0.10000000000000001', false],
    ['0.30000000000000004', true],
    ['1.0000000000000002', true],
    ['1.0000000000000001', false],
    ['-1.5e-7', true],
    ['1e-400', false],
    ['4.9406564584124654e-324', false],
    ['5e-324', true],
    ['100.000000000000000000', true],
    ['00000000000000000012.5', true],
  ]
  for (const [text, ok] of cases) assert.equal(parseNumber(text).ok, ok, text)
  assert.deepEqual(parseNumber('12345678901234567890'), {
    ok: false,
    code: 'inexact_number',
    message: "'12345678901234567890' has more significant digits than a number can hold exactly (15 always fit); it would be stored as 12345678901234567000",
  })
})

test('whole-number columns stop at 2^53 - 1 in any spelling, and a fraction hidden past the precision is not whole', () => {
  assert.deepEqual(parseInteger('9007199254740991'), { ok: true, value: 9007199254740991 })
  assert.deepEqual(parseInteger('9.007199254740991e15'), { ok: true, value: 9007199254740991 })
  const codeOf = (text: string) => {
    const p = parseInteger(text)
    return p.ok ? undefined : p.code
  }
  for (const text of ['9007199254740992', '12345678901234567890', '1e16', '-9007199254740993']) assert.equal(codeOf(text), 'out_of_range', text)
  assert.equal(codeOf('1.0000000000000001'), 'inexact_number')
  assert.equal(codeOf('7.5'), 'not_a_whole_number')
})
