// Streams one CSV section: header mapping, per-cell validation, duplicate keys,
// canonical rows for the hash, and batches for the store. Rows are never all in memory.
// Hot path (10⁶ rows): records arrive in batches per input chunk, cells go through parsers
// fixed per column, keys are checked in a compact index and digests are packed (hashing.ts).
import { pipeline } from 'node:stream/promises'
import { CsvError, Parser, type Options } from 'csv-parse'
import type { BundleEntry } from './bundle-source'
import { canonicalRow, SectionHasher, type SectionDigest } from './hashing'
import type { ReportBuilder } from './report'
import { keyFields, type CsvSectionDef, type FieldDef } from './sections'
import { EncodingError, utf8Decoder } from './text-decoding'
import { parseDate, parseDue, parseInteger, parseNumber, type Parsed } from './values'

export type CellValue = string | number | null
export type ParsedRow = { values: CellValue[]; extra: Record<string, string> | null; line: number }

export type CsvReadOptions = {
  report: ReportBuilder
  maxFileBytes: number
  calendarPeriods?: ReadonlySet<string>
  /** Cross-section checks see each accepted row. */
  inspect?: (row: ParsedRow) => void
  /** Receives accepted rows in batches; absent when only validating. */
  sink?: (rows: ParsedRow[]) => Promise<void>
  onProgress?: (rowsRead: number) => void
}

const BATCH = 5000
const MAX_RECORD_BYTES = 1_000_000
const RESOURCE_TYPES = new Set(['workcenter', 'node', 'supplier'])

type ColumnPlan = { fieldIndex: (number | undefined)[]; extraNames: (string | undefined)[]; present: Set<number> }

/** The records csv-parse completed while reading one input chunk, each with the line it ends on. */
type RecordBatch = { records: string[][]; lines: number[] }

/**
 * csv-parse's stream, emitting one RecordBatch per input chunk instead of one object per record
 * (per-record stream pushes and `info: true` copies dominated the parse). A record's line is
 * `info.lines` when it is pushed, the value `info: true` would report.
 */
class BatchingParser extends Parser {
  private records: string[][] = []
  private lines: number[] = []
  /** The line the last completed record ends on (0 before the first). */
  lastRecordLine = 0

  constructor(options: Options) {
    // One batch buffered at most: the parser reads the next chunk once the consumer holds the last.
    super({ ...options, readableHighWaterMark: 1 } as Options)
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) {
      this.emitBatch()
      return super.push(null, encoding)
    }
    this.records.push(chunk as string[])
    this.lines.push((this.lastRecordLine = this.info.lines))
    return true
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    super._transform(chunk, encoding, (error?: Error | null) => {
      this.emitBatch()
      callback(error)
    })
  }

  override _flush(callback: (error?: Error | null) => void): void {
    super._flush((error?: Error | null) => {
      this.emitBatch()
      callback(error)
    })
  }

  private emitBatch(): void {
    if (!this.records.length) return
    const batch: RecordBatch = { records: this.records, lines: this.lines }
    this.records = []
    this.lines = []
    super.push(batch)
  }
}

export async function readCsvSection(def: CsvSectionDef, entry: BundleEntry, opts: CsvReadOptions): Promise<SectionDigest> {
  const { report } = opts
  const counts = report.counts(def.stem)
  const hasher = new SectionHasher()
  if (entry.size > opts.maxFileBytes) {
    report.error('file_too_large', entry.name, null, null, `${entry.name} is ${entry.size} bytes; the limit is ${opts.maxFileBytes}.`)
    return hasher.digest()
  }
  const keys = new DuplicateKeys(def)
  let plan: ColumnPlan | undefined
  let parseRow: RecordParser | undefined
  let batch: ParsedRow[] = []
  // The previous batch may still be being stored while the next one is read (PostgreSQL
  // works while this process parses); at most one is in flight, and a failure surfaces at
  // the next write or at the end of the section.
  let writing: Promise<void> | undefined
  const write = async (rows: ParsedRow[]) => {
    if (writing) await writing
    writing = opts.sink!(rows)
    writing.catch(() => undefined) // awaited later; not an unhandled rejection meanwhile
  }
  const parser = new BatchingParser({ relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES })
  let streamFailed = false
  let headerRejected = false
  const consume = async () => {
    for await (const { records, lines } of parser as AsyncIterable<RecordBatch>) {
      for (let r = 0; r < records.length; r++) {
        const record = records[r]
        if (!plan) {
          plan = planColumns(def, entry.name, record, report)
          if (!plan) {
            // Stop reading: the abort this causes in the pipeline is expected, not an error.
            headerRejected = true
            return
          }
          parseRow = recordParser(def, entry.name, plan, opts)
          continue
        }
        counts.rows_read++
        if (opts.onProgress && counts.rows_read % 50_000 === 0) opts.onProgress(counts.rows_read)
        const row = parseRow!(record, lines[r])
        if (!row) continue
        const earlier = keys.firstLine(row.values, row.line)
        if (earlier !== undefined) {
          const keyNames = keyFields(def, row.values)
          const keyValues = keyNames.map((k) => row.values[keys.position.get(k)!] ?? '')
          const shown = keyNames.map((k, i) => `${k}=${keyValues[i]}`).join(', ')
          report.error('duplicate_key', entry.name, row.line, keyNames.join(','), `Duplicate key (${shown}): rows ${earlier} and ${row.line}.`)
          continue
        }
        counts.rows_accepted++
        hasher.addRow(canonicalRow(row.values, row.extra))
        opts.inspect?.(row)
        if (opts.sink) {
          batch.push(row)
          if (batch.length >= BATCH) {
            const full = batch
            batch = []
            await write(full)
            // A stream error ends the section: leave the rest of this batch unread, as a
            // per-record iterator would (its next read throws).
            if (streamFailed) break
          }
        }
      }
    }
  }
  let consuming: Promise<void> | undefined
  try {
    const streaming = pipeline(await entry.open(), utf8Decoder(), parser).catch((err: unknown) => {
      streamFailed = true
      throw err
    })
    consuming = consume()
    await Promise.all([streaming, consuming])
  } catch (err) {
    if (!headerRejected) reportStreamError(entry.name, err, report, parser.lastRecordLine)
  }
  // After a stream error the reader stops at its next read; let it, so no write overlaps the last.
  await consuming?.catch(() => undefined)
  if (!plan && counts.rows_read === 0 && !report.hasIssueIn(entry.name)) {
    report.error('missing_header', entry.name, 1, null, `${entry.name} is empty: a header row is required.`)
  }
  if (opts.sink && batch.length) await write(batch)
  if (writing) await writing
  return hasher.digest()
}

function reportStreamError(file: string, err: unknown, report: ReportBuilder, lastRecordLine: number): void {
  if (err instanceof EncodingError) {
    report.error('bad_encoding', file, err.line, null, `${file}: ${err.message}.`)
    return
  }
  if (!(err instanceof CsvError)) throw err
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse reports where it gave up (the end of the file); the quote opened on the row after the last good one.
    report.error('csv_syntax', file, lastRecordLine + 1, null, `${file} cannot be read as CSV: a quoted value opened on row ${lastRecordLine + 1} is never closed.`)
    return
  }
  const why = err.code === 'CSV_MAX_RECORD_SIZE' ? `a row is longer than ${MAX_RECORD_BYTES} bytes` : err.message
  const line = (err as unknown as { lines?: number }).lines ?? null
  report.error('csv_syntax', file, line, null, `${file} cannot be read as CSV: ${why}.`)
}

function planColumns(def: CsvSectionDef, file: string, header: string[], report: ReportBuilder): ColumnPlan | undefined {
  const fieldIndex: (number | undefined)[] = []
  const extraNames: (string | undefined)[] = []
  const present = new Set<number>()
  const used = new Map<string, number>()
  let ok = true
  header.forEach((raw, col) => {
    const name = raw.trim()
    const idx = def.fields.findIndex((f) => f.name === name.toLowerCase() || f.aliases?.includes(name.toLowerCase()))
    const canonical = idx >= 0 ? def.fields[idx].name : name
    if (used.has(canonical)) {
      report.error('duplicate_column', file, 1, name, `Column '${name}' appears twice in the header (columns ${used.get(canonical)! + 1} and ${col + 1}).`)
      ok = false
    }
    used.set(canonical, col)
    fieldIndex.push(idx >= 0 ? idx : undefined)
    extraNames.push(idx >= 0 ? undefined : name)
    if (idx >= 0) present.add(idx)
    else report.warning('unknown_column', file, 1, name, `Unknown column '${name}' is kept as a row attribute.`)
  })
  def.fields.forEach((f, i) => {
    if (f.required && !present.has(i)) {
      const also = f.aliases?.length ? ` (or ${f.aliases.join(', ')})` : ''
      report.error('missing_column', file, 1, f.name, `Required column '${f.name}'${also} is missing.`)
      ok = false
    }
  })
  return ok ? { fieldIndex, extraNames, present } : undefined
}

type RecordParser = (record: string[], line: number) => ParsedRow | undefined

/** Parses and validates a record's cells with parsers fixed per column by the header. */
function recordParser(def: CsvSectionDef, file: string, plan: ColumnPlan, opts: CsvReadOptions): RecordParser {
  const { report } = opts
  const width = plan.fieldIndex.length
  const parsers = plan.fieldIndex.map((idx) => (idx === undefined ? undefined : cellParser(def.fields[idx], opts)))
  // Fields without a column take their default (or null) in every row.
  const template: CellValue[] = def.fields.map((f, i) => (!plan.present.has(i) && f.default !== undefined ? f.default : null))
  return (record, line) => {
    if (record.length !== width) {
      report.error('column_count', file, line, null, `Row has ${record.length} values; the header has ${width}.`)
      return undefined
    }
    const values = template.slice()
    let extra: Record<string, string> | null = null
    let ok = true
    for (let col = 0; col < width; col++) {
      const cell = record[col]
      const parse = parsers[col]
      if (parse === undefined) {
        ;(extra ??= {})[plan.extraNames[col]!] = cell
        continue
      }
      const value = parse(cell.trim())
      if (value !== undefined) values[plan.fieldIndex[col]!] = value
      else {
        report.error(failure.code, file, line, def.fields[plan.fieldIndex[col]!].name, failure.message)
        ok = false
      }
    }
    return ok ? { values, extra, line } : undefined
  }
}

/** A cell's value, or undefined with the reason left in `failure`. */
type CellParser = (text: string) => CellValue | undefined

const failure = { code: '', message: '' }

function fail(code: string, message: string): undefined {
  failure.code = code
  failure.message = message
  return undefined
}

function cellParser(field: FieldDef, opts: CsvReadOptions): CellParser {
  const whenEmpty = field.required ? undefined : (field.default ?? null)
  const empty = () => (field.required ? fail('empty_value', `Required value '${field.name}' is empty.`) : whenEmpty)
  switch (field.type) {
    case 'string':
      return (text) => (text === '' ? empty() : text)
    case 'resource_type':
      return (text) =>
        text === '' ? empty() : RESOURCE_TYPES.has(text) ? text : fail('bad_value', `'${text}' is not one of workcenter, node, supplier.`)
    case 'date':
      return (text) => (text === '' ? empty() : fromParsed(parseDate(text), 'bad_date'))
    case 'due':
      return (text) => (text === '' ? empty() : fromParsed(parseDue(text, opts.calendarPeriods), 'bad_date'))
    case 'int':
      return (text) => (text === '' ? empty() : checkRange(field, fromParsed(parseInteger(text), 'not_a_number')))
    case 'number':
      return (text) => (text === '' ? empty() : checkRange(field, fromParsed(parseNumber(text), 'not_a_number')))
  }
}

function fromParsed<T extends CellValue>(p: Parsed<T>, code: string): T | undefined {
  return p.ok ? p.value : fail(p.code ?? code, `${p.message}.`)
}

function checkRange(field: FieldDef, v: CellValue | undefined): CellValue | undefined {
  if (typeof v !== 'number') return v
  if (field.min !== undefined && (field.minExclusive ? v <= field.min : v < field.min)) {
    return fail('out_of_range', `${field.name} must be ${field.minExclusive ? '>' : '≥'} ${field.min}; got ${v}.`)
  }
  if (field.max !== undefined && v > field.max) {
    return fail('out_of_range', `${field.name} must be ≤ ${field.max}; got ${v}.`)
  }
  return v
}

/**
 * Unique-key bookkeeping: the line of the first row with each key. Two rows share a key when
 * their key fields (null read as '') are equal, as by comparing `names\0v1\0v2…` strings.
 * Held compactly: each distinct field value is stored once and numbered, and a key is its
 * tuple of numbers in an open-addressing table (≈ 24 bytes per row instead of a string per
 * row in a Map). Values containing \0 could make different tuples join to the same string;
 * such keys are compared as joined strings, as before (a key without \0 never joins to one with).
 */
class DuplicateKeys {
  readonly position: Map<string, number>
  private variants = new Map<string, KeyTable>()

  constructor(private def: CsvSectionDef) {
    this.position = new Map(def.fields.map((f, i) => [f.name, i]))
  }

  /** The line of an earlier row with the same key; otherwise records this row's and returns undefined. */
  firstLine(values: readonly CellValue[], line: number): number | undefined {
    const names = keyFields(this.def, values)
    const id = names === this.def.key ? '' : names.join(',')
    let table = this.variants.get(id)
    if (!table) {
      table = new KeyTable(names.map((n) => this.position.get(n)!))
      this.variants.set(id, table)
    }
    return table.firstLine(values, line)
  }
}

class KeyTable {
  private dictionaries: Map<string, number>[]
  private joined = new Map<string, number>()
  private ids: Uint32Array
  private lines: Float64Array
  private slots: Int32Array
  private count = 0
  private tuple: Uint32Array
  // The previous row's value and number per field: sorted files repeat them row after row.
  private lastText: string[]
  private lastId: number[]

  constructor(private positions: number[]) {
    this.dictionaries = positions.map(() => new Map())
    this.tuple = new Uint32Array(positions.length)
    this.lastText = positions.map(() => '')
    this.lastId = positions.map(() => -1)
    this.ids = new Uint32Array(1024 * positions.length)
    this.lines = new Float64Array(1024)
    this.slots = new Int32Array(2048)
  }

  firstLine(values: readonly CellValue[], line: number): number | undefined {
    const width = this.positions.length
    if (width === 1) {
      // One field: its value is the key.
      const text = String(values[this.positions[0]] ?? '')
      const earlier = this.dictionaries[0].get(text)
      if (earlier === undefined) this.dictionaries[0].set(text, line)
      return earlier
    }
    for (let j = 0; j < width; j++) {
      const value = values[this.positions[j]]
      const text = typeof value === 'string' ? value : String(value ?? '')
      if (text === this.lastText[j] && this.lastId[j] >= 0) {
        this.tuple[j] = this.lastId[j]
        continue
      }
      if (text.includes('\u0000')) return this.firstLineJoined(values, line)
      const dictionary = this.dictionaries[j]
      let id = dictionary.get(text)
      if (id === undefined) {
        id = dictionary.size
        dictionary.set(text, id)
      }
      this.tuple[j] = id
      this.lastText[j] = text
      this.lastId[j] = id
    }
    const mask = this.slots.length - 1
    let slot = tupleHash(this.tuple, 0, width) & mask
    for (let entry = this.slots[slot]; entry !== 0; entry = this.slots[slot]) {
      if (this.sameTuple(entry - 1)) return this.lines[entry - 1]
      slot = (slot + 1) & mask
    }
    this.insert(slot, line)
    return undefined
  }

  private sameTuple(entry: number): boolean {
    const width = this.positions.length
    for (let j = 0; j < width; j++) if (this.ids[entry * width + j] !== this.tuple[j]) return false
    return true
  }

  private insert(slot: number, line: number): void {
    const width = this.positions.length
    if (this.count === this.lines.length) {
      const ids = new Uint32Array(this.ids.length * 2)
      ids.set(this.ids)
      this.ids = ids
      const lines = new Float64Array(this.lines.length * 2)
      lines.set(this.lines)
      this.lines = lines
    }
    const entry = this.count++
    this.ids.set(this.tuple, entry * width)
    this.lines[entry] = line
    this.slots[slot] = entry + 1
    if (this.count * 2 > this.slots.length) this.rehash()
  }

  private rehash(): void {
    const width = this.positions.length
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let entry = 0; entry < this.count; entry++) {
      let slot = tupleHash(this.ids, entry * width, width) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    }
    this.slots = slots
  }

  private firstLineJoined(values: readonly CellValue[], line: number): number | undefined {
    const key = this.positions.map((p) => values[p] ?? '').join('\u0000')
    const earlier = this.joined.get(key)
    if (earlier === undefined) this.joined.set(key, line)
    return earlier
  }
}

function tupleHash(ids: Uint32Array, start: number, width: number): number {
  let hash = 0x9e3779b9
  for (let j = start; j < start + width; j++) {
    hash = Math.imul(hash ^ ids[j], 0x85ebca6b)
    hash ^= hash >>> 13
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0xc2b2ae35)
  return hash ^ (hash >>> 16)
}
