// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inexactJsonNumbers } from './json-numbers'

test('number literals that JSON.parse would round or overflow are found with their lines', () => {
  const text = [
    '{',
    '  "ok": [1, 0.1, -2.5e3, 0.14285714285714285, 12345678901234],',
    '  "long": 12345678901234567890,',
    '  "huge": 1e400, "tiny": 1e-400',
    '}',
  ].join('\n')
  assert.deepEqual(
    inexactJsonNumbers(text).map((p) => [p.line, p.code]),
    [
      [3, 'inexact_number'],
      [4, 'out_of_range'],
      [4, 'out_of_range'],
    ],
  )
  assert.match(inexactJsonNumbers(text)[0].message, /would be stored as 12345678901234567000/)
})

test('digits inside strings, including escaped quotes, are not numbers', () => {
  assert.deepEqual(inexactJsonNumbers('{"id": "12345678901234567890", "q": "say \\"1e400\\"", "n": 2}'), [])
  assert.deepEqual(
    inexactJsonNumbers('["\\\\", 99999999999999999999]').map((p) => p.code),
    ['inexact_number'],
  )
})
