// The evidence collector's naming rules: the day in the display zone, checked dates and labels,
// and folders that cannot leave the evidence root. Pure: no database, no browser.
// npm test: database-free
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { InvalidError } from '../../errors'
import { assertBaseUrl, assertEvidenceDate, evidenceDate, evidenceDir } from './evidence'

test('the default date is the day in the display zone, not the machine zone', () => {
  const lateEveningUtc = new Date('2026-01-01T15:30:00Z')
  assert.equal(evidenceDate(lateEveningUtc, 'Asia/Tokyo'), '20260102')
  assert.equal(evidenceDate(lateEveningUtc, 'America/New_York'), '20260101')
})

test('a date must be a real calendar day written YYYYMMDD', () => {
  assert.equal(assertEvidenceDate('20240229'), '20240229')
  for (const bad of ['20250229', '20261301', '2026-01-02', '2026012', '../../x']) {
    assert.throws(() => assertEvidenceDate(bad), InvalidError, bad)
  }
})

test('the evidence folder is root/input_sets/<label>/<date>; labels with path tricks are refused', () => {
  assert.equal(evidenceDir('/srv/evidence', 'fy26-w05', '20260102'), path.join('/srv/evidence', 'input_sets', 'fy26-w05', '20260102'))
  for (const bad of ['../etc', '..', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(129)]) {
    assert.throws(
      () => evidenceDir('/srv/evidence', bad, '20260102'),
      (err: unknown) => err instanceof InvalidError && err.code === 'invalid_label',
      bad,
    )
  }
})

test('the base URL must be http(s); a trailing slash is dropped', () => {
  assert.equal(assertBaseUrl('http://127.0.0.1:3000/'), 'http://127.0.0.1:3000')
  assert.equal(assertBaseUrl('https://hub.example.com/planning/'), 'https://hub.example.com/planning')
  assert.throws(() => assertBaseUrl('file:///etc/passwd'), InvalidError)
  assert.throws(() => assertBaseUrl('localhost:3000'), InvalidError)
})
