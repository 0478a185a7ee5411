import type { CellValue } from './csv-cells'
import { keyFields, type CsvSectionDef } from './sections'
import { SpillBuckets } from './spill-buckets'

// Keys held in memory: the first rows' keys are checked as they are read; later rows are checked
// against those and their keys spilled to disk, to be compared with each other once the file has
// been read (docs/bundles.md, "Import rules"; docs/speed.md, "Import").
const IN_MEMORY_KEYS = 50_000
const SPILL_PARTITIONS = 64 // by key hash: each partition is compared on its own
const SPILL_BUFFER_BYTES = 32 * 1024
const RECORD_HEADER_BYTES = 12 // hash, line, key length (u32 each)
const TEXT_LENGTH_BYTES = 4 // before each value of a spilled key: its UTF-8 length

/** A duplicate found after reading: rows `earlier` and `line` share the key `names` = `values`. */
export type LateDuplicate = { line: number; earlier: number; names: string[]; values: string[] }

/**
 * Unique-key bookkeeping: the line of the first row with each key. Two rows share a key when
 * their key fields (null read as '') are equal, as by comparing `names\0v1\0v2…` strings.
 * Held compactly: each distinct field value is stored once and numbered, and a key is its
 * tuple of numbers in an open-addressing table (≈ 24 bytes per row instead of a string per
 * row in a Map). Values containing \0 could make different tuples join to the same string;
 * such keys are compared as joined strings, as before (a key without \0 never joins to one with).
 * Only the first IN_MEMORY_KEYS keys are held; the keys of later rows go to disk and their
 * duplicates among themselves are found by `lateDuplicates` after the file has been read.
 */
export class DuplicateKeys {
  readonly position: Map<string, number>
  private variants = new Map<string, KeyTable>()
  /** Every key table by its number, which a spilled key carries instead of the field names. */
  private tables: KeyTable[] = []
  private recorded = 0
  private spill: SpillBuckets | undefined

  constructor(private def: CsvSectionDef) {
    this.position = new Map(def.fields.map((f, i) => [f.name, i]))
  }

  /** True once keys go to disk: duplicates among later rows are then known only after reading. */
  get spilled(): boolean {
    return this.spill !== undefined
  }

  /** The line of an earlier row with the same key held in memory; otherwise records this row's and returns undefined. */
  firstLine(values: readonly CellValue[], line: number): number | undefined {
    const names = keyFields(this.def, values)
    const id = names === this.def.key ? '' : names.join(',')
    let table = this.variants.get(id)
    if (!table) {
      table = new KeyTable(
        names.map((n) => this.position.get(n)!),
        names,
        this.tables.length,
      )
      this.variants.set(id, table)
      this.tables.push(table)
    }
    const record = this.recorded < IN_MEMORY_KEYS
    const earlier = table.firstLine(values, line, record)
    if (earlier !== undefined) return earlier
    if (record) this.recorded++
    else this.spillKey(table, values, line)
    return undefined
  }

  /**
   * Duplicates among the spilled keys: how many there are, and the first `limit` of them by line
   * (a hostile file may hold millions; the report lists a few). Each names the first row with its key.
   */
  async lateDuplicates(limit: number): Promise<{ total: number; listed: LateDuplicate[] }> {
    let total = 0
    let listed: LateDuplicate[] = []
    const keep = () => {
      listed.sort((a, b) => a.line - b.line)
      listed = listed.slice(0, limit)
    }
    if (!this.spill) return { total, listed }
    const slots = { table: new Int32Array(0) }
    for (let p = 0; p < SPILL_PARTITIONS; p++) {
      forEachDuplicate(await this.spill.take(p), slots, (line, earlier, data, start, length) => {
        total++
        listed.push({ line, earlier, ...this.decodeKey(data, start, length) })
        if (listed.length >= 2 * limit + 64) keep()
      })
    }
    keep()
    await this.close()
    return { total, listed }
  }

  /** True while spilled keys wait to be written: the reader should await `drained()` before reading on. */
  get backlogged(): boolean {
    return this.spill?.backlogged ?? false
  }

  async drained(): Promise<void> {
    await this.spill?.drained()
  }

  /** Removes spilled keys from disk (lateDuplicates does so itself; this is for a section that fails). */
  async close(): Promise<void> {
    await this.spill?.close()
  }

  /**
   * Writes the row's key as one record: hash, line and length, then the key table's number and
   * each value's UTF-8 bytes after their length. Two keys are equal exactly when these bytes are:
   * cell text comes from a UTF-8 decoder (no lone surrogates), so its bytes decode back to it.
   * Written straight into the spill buffer, without a joined string per row.
   */
  private spillKey(table: KeyTable, values: readonly CellValue[], line: number): void {
    const spill = (this.spill ??= new SpillBuckets(SPILL_PARTITIONS, SPILL_BUFFER_BYTES))
    const texts = table.texts
    let hash = Math.imul(0x811c9dc5 ^ table.index, 0x01000193)
    let maxBytes = RECORD_HEADER_BYTES + 4
    let ascii = true
    for (let j = 0; j < texts.length; j++) {
      const value = values[table.positions[j]]
      const text = typeof value === 'string' ? value : String(value ?? '')
      texts[j] = text
      maxBytes += TEXT_LENGTH_BYTES + 3 * text.length
      // FNV-1a over the UTF-16 units, each value's length first so that values cannot run into each other.
      hash = Math.imul(hash ^ text.length, 0x01000193)
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if (c > 0x7f) ascii = false
        hash = Math.imul(hash ^ c, 0x01000193)
      }
    }
    // Mixed so that the low bits (the partition) and the rest both spread.
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
    hash = (hash ^ (hash >>> 13)) >>> 0
    const partition = hash & (SPILL_PARTITIONS - 1)
    const offset = spill.reserve(partition, maxBytes)
    const buffer = spill.target
    let at = offset + RECORD_HEADER_BYTES
    buffer.writeUInt32LE(table.index, at)
    at += 4
    for (let j = 0; j < texts.length; j++) {
      const text = texts[j]
      let bytes = text.length
      if (ascii) for (let i = 0; i < bytes; i++) buffer[at + TEXT_LENGTH_BYTES + i] = text.charCodeAt(i)
      else bytes = buffer.write(text, at + TEXT_LENGTH_BYTES, 'utf8')
      buffer.writeUInt32LE(bytes, at)
      at += TEXT_LENGTH_BYTES + bytes
    }
    buffer.writeUInt32LE(hash, offset)
    buffer.writeUInt32LE(line, offset + 4)
    buffer.writeUInt32LE(at - offset - RECORD_HEADER_BYTES, offset + 8)
    spill.commit(partition, at - offset)
  }

  /** The field names and values of a key spillKey wrote at `start`. */
  private decodeKey(data: Buffer, start: number, length: number): { names: string[]; values: string[] } {
    const table = this.tables[data.readUInt32LE(start)]
    const values: string[] = []
    for (let at = start + 4; at < start + length;) {
      const bytes = data.readUInt32LE(at)
      values.push(data.toString('utf8', at + TEXT_LENGTH_BYTES, at + TEXT_LENGTH_BYTES + bytes))
      at += TEXT_LENGTH_BYTES + bytes
    }
    return { names: table.names, values }
  }
}

/** Calls `found` for each record of one partition whose key an earlier record has, with the first one's line. */
function forEachDuplicate(
  data: Buffer,
  reused: { table: Int32Array },
  found: (line: number, earlier: number, data: Buffer, start: number, length: number) => void,
): void {
  let records = 0
  for (let at = 0; at < data.length; at += RECORD_HEADER_BYTES + data.readUInt32LE(at + 8)) records++
  if (records < 2) return
  let size = 4
  while (size < records * 2) size *= 2
  const mask = size - 1
  if (reused.table.length < size) reused.table = new Int32Array(size)
  const slots = reused.table.subarray(0, size).fill(0) // record offset + 1; 0 = empty
  for (let at = 0; at < data.length;) {
    const hash = data.readUInt32LE(at)
    const length = data.readUInt32LE(at + 8)
    const start = at + RECORD_HEADER_BYTES
    let slot = (hash >>> 6) & mask
    let earlier: number | undefined
    for (let entry = slots[slot]; entry !== 0; entry = slots[slot]) {
      const other = entry - 1
      const otherLength = data.readUInt32LE(other + 8)
      if (data.readUInt32LE(other) === hash && otherLength === length) {
        const otherStart = other + RECORD_HEADER_BYTES
        if (data.compare(data, start, start + length, otherStart, otherStart + length) === 0) {
          earlier = data.readUInt32LE(other + 4)
          break
        }
      }
      slot = (slot + 1) & mask
    }
    if (earlier === undefined) slots[slot] = at + 1
    else found(data.readUInt32LE(at + 4), earlier, data, start, length)
    at = start + length
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

  /** Reused by spillKey: the text of each key value of the row being spilled. */
  readonly texts: string[]

  constructor(
    readonly positions: number[],
    readonly names: string[],
    /** Its number in DuplicateKeys: a spilled key names its table by it. */
    readonly index: number,
  ) {
    this.texts = positions.map(() => '')
    this.dictionaries = positions.map(() => new Map())
    this.tuple = new Uint32Array(positions.length)
    this.lastText = positions.map(() => '')
    this.lastId = positions.map(() => -1)
    this.ids = new Uint32Array(1024 * positions.length)
    this.lines = new Float64Array(1024)
    this.slots = new Int32Array(2048)
  }

  /** The line of an earlier row with this key; otherwise, if `record`, notes this row's. */
  firstLine(values: readonly CellValue[], line: number, record: boolean): number | undefined {
    const width = this.positions.length
    if (width === 1) {
      // One field: its value is the key.
      const text = String(values[this.positions[0]] ?? '')
      const earlier = this.dictionaries[0].get(text)
      if (earlier === undefined && record) this.dictionaries[0].set(text, line)
      return earlier
    }
    for (let j = 0; j < width; j++) {
      const value = values[this.positions[j]]
      const text = typeof value === 'string' ? value : String(value ?? '')
      if (text === this.lastText[j] && this.lastId[j] >= 0) {
        this.tuple[j] = this.lastId[j]
        continue
      }
      if (text.includes('\u0000')) return this.firstLineJoined(values, line, record)
      const dictionary = this.dictionaries[j]
      let id = dictionary.get(text)
      if (id === undefined) {
        // A value never seen is in no held key.
        if (!record) return undefined
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
    if (record) this.insert(slot, line)
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

  private firstLineJoined(values: readonly CellValue[], line: number, record: boolean): number | undefined {
    const key = this.positions.map((p) => values[p] ?? '').join('\u0000')
    const earlier = this.joined.get(key)
    if (earlier === undefined && record) this.joined.set(key, line)
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
