import type { CellValue } from './csv-cells'
import { keyFields, type CsvSectionDef } from './sections'

/**
 * Unique-key bookkeeping: the line of the first row with each key. Two rows share a key when
 * their key fields (null read as '') are equal, as by comparing `names\0v1\0v2…` strings.
 * Held compactly: each distinct field value is stored once and numbered, and a key is its
 * tuple of numbers in an open-addressing table (≈ 24 bytes per row instead of a string per
 * row in a Map). Values containing \0 could make different tuples join to the same string;
 * such keys are compared as joined strings, as before (a key without \0 never joins to one with).
 */
export class DuplicateKeys {
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
