// npm test: database-free
// The split lines and csv-parse must read every text alike: the same records on the same lines,
// and where the text is not CSV, the same error on the same line.
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { test } from 'node:test'
import { CsvError } from 'csv-parse'
import { CsvRecordReader, MAX_RECORD_BYTES, type CsvSyntax, type RecordBatch } from './csv-records'

type Outcome = { records: string[][]; lines: number[]; error?: { code: string; line: number | null; lastRecordLine: number } }

async function read(chunks: string[], syntax: CsvSyntax, split: boolean): Promise<Outcome> {
  const reader = new CsvRecordReader(syntax, { split })
  const out: Outcome = { records: [], lines: [] }
  // As on import: strings, one per chunk, piped in while the batches are read.
  const writing = pipeline(Readable.from(chunks), reader)
  const reading = (async () => {
    for await (const batch of reader as AsyncIterable<RecordBatch>) {
      out.records.push(...batch.records)
      out.lines.push(...batch.lines)
    }
  })()
  const [written, read] = await Promise.allSettled([writing, reading])
  const failed = written.status === 'rejected' ? written.reason : read.status === 'rejected' ? read.reason : undefined
  if (failed !== undefined) {
    assert.ok(failed instanceof CsvError, String(failed))
    const parserLine = (failed as unknown as { lines?: number }).lines
    out.error = { code: failed.code, line: parserLine === undefined ? null : reader.physicalLine(parserLine), lastRecordLine: reader.lastRecordLine }
  }
  return out
}

/** Deterministic pseudo-random numbers, so a failure can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const PIECES = ['a', 'b7', '1.5', ',', ',', ';', '"', '""', "'", '\n', '\n', '\r', '\r\n', ' ', '#', '\\', 'é', '𝄞', '"x,y"']

function randomText(next: () => number): string {
  let text = ''
  const length = Math.floor(next() * 40)
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)]
  return text
}

function randomChunks(text: string, next: () => number): string[] {
  const chunks: string[] = []
  let at = 0
  while (at < text.length) {
    let size = 1 + Math.floor(next() * 12)
    // The decoder never ends a chunk inside a surrogate pair.
    if (/[\ud800-\udbff]/.test(text.charAt(at + size - 1))) size++
    chunks.push(text.slice(at, at + size))
    at += size
  }
  return chunks
}

/**
 * The same records, lines and error. Where the text is not CSV, which of the records before the
 * error reach the reader depends on how the stream's last batches were buffered when it failed,
 * in csv-parse as in split lines: one must then be the start of the other, and none may come
 * from the error's line or after it.
 */
function assertSameReading(actual: Outcome, expected: Outcome, context: string): void {
  assert.deepEqual(actual.error, expected.error, context)
  if (!expected.error) return assert.deepEqual(actual, expected, context)
  const shorter = Math.min(actual.records.length, expected.records.length)
  assert.deepEqual(actual.records.slice(0, shorter), expected.records.slice(0, shorter), context)
  assert.deepEqual(actual.lines.slice(0, shorter), expected.lines.slice(0, shorter), context)
  const errorLine = expected.error.line ?? expected.error.lastRecordLine + 1
  assert.ok(
    actual.lines.every((line) => line < errorLine),
    `${context}: a record from the error's line or after it`,
  )
}

const DIALECTS: [string, CsvSyntax][] = [
  ['default', { delimiter: ',', quote: '"', escape: '"' }],
  ['semicolon, single quote', { delimiter: ';', quote: "'", escape: "'" }],
  ['backslash escape', { delimiter: ',', quote: '"', escape: '\\' }],
  ['no escape', { delimiter: ',', quote: '"', escape: null }],
  ['comment', { delimiter: ',', quote: '"', escape: '"', comment: '#' }],
]

for (const [name, syntax] of DIALECTS) {
  test(`split lines read random text as csv-parse does (${name})`, async () => {
    const next = random(name.length * 7919)
    for (let i = 0; i < 1500; i++) {
      const text = randomText(next)
      const chunks = randomChunks(text, next)
      const expected = await read(chunks, syntax, false)
      const actual = await read(chunks, syntax, true)
      assertSameReading(actual, expected, `text ${JSON.stringify(text)} in chunks ${JSON.stringify(chunks)}`)
    }
  })
}

test('a plain file is split without csv-parse and keeps its physical line numbers', async () => {
  const syntax: CsvSyntax = { delimiter: ',', quote: '"', escape: '"' }
  const text = 'family,period,demand\r\nF1,2026-01,10\n\nF1,2026-02,"1,5"\rF2,2026-01,'
  const outcome = await read([text.slice(0, 23), text.slice(23)], syntax, true)
  assert.deepEqual(outcome, {
    records: [
      ['family', 'period', 'demand'],
      ['F1', '2026-01', '10'],
      ['F1', '2026-02', '1,5'],
      ['F2', '2026-01', ''],
    ],
    lines: [1, 2, 4, 5],
  })
})

test('a value spanning lines after split lines is read by csv-parse with the right line numbers', async () => {
  const syntax: CsvSyntax = { delimiter: ',', quote: '"', escape: '"' }
  const text = 'a,b\n1,2\n\n3,"x\r\ny"\n4,5\n"open\n6,7\n'
  assertSameReading(await read([text], syntax, true), await read([text], syntax, false), text)
  const outcome = await read([text], syntax, true)
  assert.deepEqual(outcome.records.slice(0, 4), [
    ['a', 'b'],
    ['1', '2'],
    ['3', 'x\r\ny'],
    ['4', '5'],
  ])
  assert.deepEqual(outcome.lines.slice(0, 4), [1, 2, 4, 6])
  assert.equal(outcome.error?.code, 'CSV_QUOTE_NOT_CLOSED')
  assert.equal(outcome.error?.lastRecordLine, 6)
})

test('a line longer than csv-parse allows is refused by csv-parse on its line', async () => {
  const syntax: CsvSyntax = { delimiter: ',', quote: '"', escape: '"' }
  const long = 'x'.repeat(MAX_RECORD_BYTES + 10)
  const text = `a,b\n1,2\n3,${long}\n`
  const chunks = randomChunks(text, random(1)).length > 0 ? [text.slice(0, 65536), text.slice(65536)] : [text]
  const split = await read(chunks, syntax, true)
  assertSameReading(split, await read(chunks, syntax, false), 'long line')
  assert.equal(split.error?.code, 'CSV_MAX_RECORD_SIZE')
  assert.deepEqual(split.records, [
    ['a', 'b'],
    ['1', '2'],
  ])
})

test('a line that has not ended is handed to csv-parse once it outgrows the longest split line, not kept', async () => {
  const reader = new CsvRecordReader({ delimiter: ',', quote: '"', escape: '"' })
  const piece = 'y'.repeat(64 * 1024)
  const pieces = 12 // under csv-parse's limit, over the longest split line
  const kept = () => (reader as unknown as { pending: string }).pending.length
  const records: string[][] = []
  const reading = (async () => {
    for await (const batch of reader as AsyncIterable<RecordBatch>) records.push(...batch.records)
  })()
  let most = 0
  for (let i = 0; i < pieces; i++) {
    await new Promise<void>((resolve, reject) => reader.write(piece, (error) => (error ? reject(error) : resolve())))
    most = Math.max(most, kept())
  }
  reader.end('\n')
  await reading
  assert.ok(most <= MAX_RECORD_BYTES / 4 + piece.length, `kept ${most} characters of an unfinished line`)
  assert.deepEqual(records, [[piece.repeat(pieces)]])
})
