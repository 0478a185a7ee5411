// Spilled import records (docs/speed.md, "Import"): written in the background, read back whole and
// in order, their writes bounded, a failed write reported, nothing left on disk.
// npm test: database-free
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, test } from 'node:test'
import { MAX_IN_FLIGHT_BYTES, SpillBuckets } from './spill-buckets'

let tmp: string
let previousTmpdir: string | undefined

// A private temporary folder per test, so what a SpillBuckets leaves behind is visible.
beforeEach(() => {
  previousTmpdir = process.env.TMPDIR
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spill-test-'))
  process.env.TMPDIR = tmp
})
afterEach(() => {
  if (previousTmpdir === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = previousTmpdir
  fs.rmSync(tmp, { recursive: true, force: true })
})

function appendNumber(spill: SpillBuckets, bucket: number, n: number): void {
  const at = spill.reserve(bucket, 4)
  spill.target.writeUInt32LE(n, at)
  spill.commit(bucket, 4)
}

test('records appended past the buffers come back per bucket in the order appended, and close removes the spill folder', async () => {
  const spill = new SpillBuckets(3, 64)
  for (let n = 0; n < 30_000; n++) {
    appendNumber(spill, n % 3, n)
    if (spill.backlogged) await spill.drained()
  }
  assert.equal(fs.readdirSync(tmp).length, 1, 'the buckets overflowed to one folder')
  for (let bucket = 0; bucket < 3; bucket++) {
    const data = await spill.take(bucket)
    const got = Array.from({ length: data.length / 4 }, (_, i) => data.readUInt32LE(i * 4))
    assert.deepEqual(
      got,
      Array.from({ length: 10_000 }, (_, i) => i * 3 + bucket),
    )
  }
  await spill.close()
  assert.deepEqual(fs.readdirSync(tmp), [])
})

test('writes pile up only to a bound: past it the writer is told to wait, and after drained() it may go on', async () => {
  const spill = new SpillBuckets(16, 4096)
  // No await in this loop: none of the queued writes can finish, so every flushed byte is in flight.
  let n = 0
  while (!spill.backlogged) appendNumber(spill, n % 16, n++)
  assert.ok(n * 4 > MAX_IN_FLIGHT_BYTES, `backlogged after ${n * 4} bytes`)
  await spill.drained()
  assert.equal(spill.backlogged, false)
  let total = 0
  for (let bucket = 0; bucket < 16; bucket++) total += (await spill.take(bucket)).length
  assert.equal(total, n * 4)
  await spill.close()
})

test('a spill write that fails is reported by drained() and take(), not lost', async () => {
  const spill = new SpillBuckets(1, 64)
  for (let n = 0; n < 32; n++) appendNumber(spill, 0, n)
  await spill.drained()
  // The folder disappears under the import (a cleaner, a full disk): the next write fails.
  const [folder] = fs.readdirSync(tmp)
  fs.rmSync(path.join(tmp, folder), { recursive: true })
  for (let n = 0; n < 32; n++) appendNumber(spill, 0, n)
  await assert.rejects(spill.drained(), { code: 'ENOENT' })
  assert.equal(spill.backlogged, true)
  await assert.rejects(spill.take(0), { code: 'ENOENT' })
  await spill.close()
})
