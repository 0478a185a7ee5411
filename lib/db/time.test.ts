// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbIsoTime, dbTime } from './time'

test('dbTime reads every form a timestamp column comes back in', () => {
  const at = '2026-03-04T05:06:07.089Z'
  assert.equal(dbTime(new Date(at))?.toISOString(), at)
  assert.equal(dbTime('2026-03-04T05:06:07.089+00:00')?.toISOString(), at)
  assert.equal(dbTime(Date.parse(at))?.toISOString(), at)
  // CURRENT_TIMESTAMP text carries no zone and is UTC, whatever the process's TZ.
  assert.equal(dbTime('2026-03-04 05:06:07')?.toISOString(), '2026-03-04T05:06:07.000Z')
  assert.equal(dbTime(null), null)
  assert.equal(dbIsoTime(undefined), null)
  assert.equal(dbIsoTime('2026-03-04T05:06:07.089+00:00'), at)
})
