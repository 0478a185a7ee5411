// Content hashing (docs/bundles.md, "Content hash"). A section's hash is SHA-256 over the sorted
// SHA-256 digests of its canonical rows, so it is independent of row order, column order, number
// spelling (100 = 100.0) and BOM, and can be computed while streaming without keeping the rows:
// the 32-byte row digests are held in memory up to IN_MEMORY_DIGESTS, and past that spilled to
// 256 files by their first byte, each sorted on its own at the end (docs/speed.md, "Import").
import crypto from 'node:crypto'
import { SECTION_STEMS, type SectionStem } from './sections'
import { SpillBuckets } from './spill-buckets'

export type SectionDigest = { rows: number; sha256: string }

// Cells that JSON.stringify would escape (quote, backslash, control characters, lone surrogates).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** Canonical row text: known fields in definition order, then unknown columns sorted by name. */
export function canonicalRow(values: readonly (string | number | null)[], extra: Record<string, string> | null): string {
  if (extra === null) {
    // The common case, spelled out: exactly JSON.stringify([values, []]), without the arrays.
    let text = '[['
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (i > 0) text += ','
      if (typeof v === 'string') text += NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`
      else if (typeof v === 'number') text += Number.isFinite(v) ? String(v) : 'null'
      else if (v === null || v === undefined) text += 'null'
      else text += JSON.stringify(v)
    }
    return `${text}],[]]`
  }
  const extras = Object.keys(extra)
    .sort()
    .map((k) => [k, extra[k]])
  return JSON.stringify([values, extras])
}

const DIGEST_BYTES = 32
const BLOCK_DIGESTS = 1 << 16 // 2 MiB per block
const IN_MEMORY_DIGESTS = 2 * BLOCK_DIGESTS
const SPILL_BUCKETS = 256 // one per first byte
const SPILL_BUFFER_BYTES = 16 * 1024

// crypto.hash (Node ≥ 20.12) hashes a string in one call, without a Hash object per row.
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'latin1') => string }).hash
const rowDigest: (text: string) => string = oneShot
  ? (text) => oneShot('sha256', text, 'latin1')
  : (text) => crypto.createHash('sha256').update(text).digest('binary')

export class SectionHasher {
  // Digests packed 32 bytes each in fixed-size blocks (no per-row object, no copying on growth).
  private blocks: Buffer[] = []
  private count = 0
  private prefix: string
  /** Set once the digests outgrow IN_MEMORY_DIGESTS: from then on every digest goes to its bucket. */
  private spill: SpillBuckets | undefined

  /** The header carries section-level data (e.g. the calendar's type) into the hash. */
  constructor(header = '') {
    this.prefix = header
  }

  addRow(canonical: string): void {
    // A latin1 digest string holds one byte per character: its 32 char codes are the raw bytes,
    // copied here without an encoding call per row.
    const digest = rowDigest(canonical)
    let target: Buffer
    let at: number
    if (this.spill) {
      const bucket = digest.charCodeAt(0)
      at = this.spill.reserve(bucket, DIGEST_BYTES)
      target = this.spill.target
      this.spill.commit(bucket, DIGEST_BYTES)
    } else {
      const slot = this.count % BLOCK_DIGESTS
      if (slot === 0) this.blocks.push(Buffer.allocUnsafe(BLOCK_DIGESTS * DIGEST_BYTES))
      target = this.blocks[this.blocks.length - 1]
      at = slot * DIGEST_BYTES
    }
    for (let k = 0; k < DIGEST_BYTES; k++) target[at + k] = digest.charCodeAt(k)
    if (++this.count === IN_MEMORY_DIGESTS && !this.spill) this.spillBlocks()
  }

  /** True while spilled digests wait to be written: the reader should await `drained()` before reading on. */
  get backlogged(): boolean {
    return this.spill?.backlogged ?? false
  }

  async drained(): Promise<void> {
    await this.spill?.drained()
  }

  get rows(): number {
    return this.count
  }

  async digest(): Promise<SectionDigest> {
    const hash = crypto.createHash('sha256').update(this.prefix)
    if (!this.spill) hashSortedDigests(hash, this.blocks, this.count)
    else {
      // Bucket by bucket in first-byte order, each sorted: the whole in byte order.
      try {
        const scratch = new SortScratch()
        for (let b = 0; b < SPILL_BUCKETS; b++) {
          const data = await this.spill.take(b)
          const blocks: Buffer[] = []
          for (let at = 0; at < data.length; at += BLOCK_DIGESTS * DIGEST_BYTES) blocks.push(data.subarray(at, at + BLOCK_DIGESTS * DIGEST_BYTES))
          hashSortedDigests(hash, blocks, data.length / DIGEST_BYTES, scratch)
        }
      } finally {
        await this.close()
      }
    }
    return { rows: this.count, sha256: hash.digest('hex') }
  }

  /** Removes spilled digests from disk (digest() does so itself; this is for a section that fails). */
  async close(): Promise<void> {
    await this.spill?.close()
  }

  private spillBlocks(): void {
    const spill = (this.spill = new SpillBuckets(SPILL_BUCKETS, SPILL_BUFFER_BYTES))
    for (let i = 0; i < this.count; i++) {
      const block = this.blocks[Math.floor(i / BLOCK_DIGESTS)]
      const at = (i % BLOCK_DIGESTS) * DIGEST_BYTES
      const offset = spill.reserve(block[at], DIGEST_BYTES)
      block.copy(spill.target, offset, at, at + DIGEST_BYTES)
      spill.commit(block[at], DIGEST_BYTES)
    }
    this.blocks = []
  }
}

const STAGE_DIGESTS = 2048

/** Arrays of the sort below, kept from one spilled bucket to the next. */
class SortScratch {
  starts = new Uint32Array(65537)
  stage = Buffer.allocUnsafeSlow(STAGE_DIGESTS * DIGEST_BYTES)
  fill = new Uint32Array(65536)
  order = new Uint32Array(0)
}

/**
 * Feeds the digests to `hash` in byte order (the order of a plain sort of their latin1
 * strings) without a sorted copy: row numbers are bucketed by the first two bytes (a
 * counting sort), then sorted inside each bucket by the remaining bytes; SHA-256 digests
 * spread evenly, so a bucket holds a handful. 4 bytes per row while sorting.
 */
function hashSortedDigests(hash: crypto.Hash, blocks: Buffer[], count: number, scratch = new SortScratch()): void {
  if (count === 0) return
  const SHIFT = Math.log2(BLOCK_DIGESTS)
  const MASK = BLOCK_DIGESTS - 1
  const bucketOf = (i: number) => {
    const b = blocks[i >>> SHIFT]
    const o = (i & MASK) * DIGEST_BYTES
    return (b[o] << 8) | b[o + 1]
  }
  const starts = scratch.starts.fill(0)
  for (let i = 0; i < count; i++) starts[bucketOf(i) + 1]++
  for (let k = 1; k <= 65536; k++) starts[k] += starts[k - 1]
  if (scratch.order.length < count) scratch.order = new Uint32Array(Math.ceil(count * 1.25))
  const order = scratch.order.subarray(0, count)
  const fill = scratch.fill
  fill.set(starts.subarray(0, 65536))
  for (let i = 0; i < count; i++) order[fill[bucketOf(i)]++] = i
  // Byte order of two digests of the same bucket (their first two bytes are equal).
  const compare = (x: number, y: number) => {
    const bx = blocks[x >>> SHIFT]
    const by = blocks[y >>> SHIFT]
    const ox = (x & MASK) * DIGEST_BYTES
    const oy = (y & MASK) * DIGEST_BYTES
    for (let k = 2; k < DIGEST_BYTES; k++) {
      const d = bx[ox + k] - by[oy + k]
      if (d !== 0) return d
    }
    return 0
  }
  for (let k = 0; k < 65536; k++) {
    const lo = starts[k]
    const hi = starts[k + 1]
    if (hi - lo < 2) continue
    if (hi - lo > 32) {
      order.subarray(lo, hi).sort(compare)
      continue
    }
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i]
      let j = i
      while (j > lo && compare(order[j - 1], v) > 0) {
        order[j] = order[j - 1]
        j--
      }
      order[j] = v
    }
  }
  // Hash in order through a small staging buffer (update() copies what it is given), kept from
  // one call to the next: 256 spilled buckets would otherwise leave 16 MB of garbage buffers.
  const STAGE = STAGE_DIGESTS
  const stage = scratch.stage
  let staged = 0
  for (let r = 0; r < count; r++) {
    const i = order[r]
    const b = blocks[i >>> SHIFT]
    const o = (i & MASK) * DIGEST_BYTES
    const to = staged * DIGEST_BYTES
    for (let k = 0; k < DIGEST_BYTES; k++) stage[to + k] = b[o + k]
    if (++staged === STAGE) {
      hash.update(stage)
      staged = 0
    }
  }
  if (staged > 0) hash.update(stage.subarray(0, staged * DIGEST_BYTES))
}

/** What SectionHasher gives for no rows and no header: SHA-256 of nothing. */
export const EMPTY_SECTION: SectionDigest = { rows: 0, sha256: crypto.createHash('sha256').digest('hex') }

/** The revision's content hash over every data section in a fixed order; absent = empty. */
export function contentHash(sections: Partial<Record<SectionStem, SectionDigest>>): string {
  const hash = crypto.createHash('sha256')
  for (const stem of SECTION_STEMS) {
    const s = sections[stem] ?? EMPTY_SECTION
    hash.update(`${stem}\t${s.rows}\t${s.sha256}\n`)
  }
  return hash.digest('hex')
}
