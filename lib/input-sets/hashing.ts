// Content hashing (SPEC §4). A section's hash is SHA-256 over the sorted SHA-256
// digests of its canonical rows, so it is independent of row order, column order,
// number spelling (100 = 100.0) and BOM, and can be computed while streaming
// without keeping the rows: only 32 bytes per row are held until the end.
import crypto from 'node:crypto'
import { SECTION_STEMS, type SectionStem } from './sections'

export type SectionDigest = { rows: number; sha256: string }

/** Canonical row text: known fields in definition order, then unknown columns sorted by name. */
export function canonicalRow(values: readonly (string | number | null)[], extra: Record<string, string> | null): string {
  const extras = extra ? Object.keys(extra).sort().map((k) => [k, extra[k]]) : []
  return JSON.stringify([values, extras])
}

export class SectionHasher {
  private digests: string[] = []
  private prefix: string

  /** The header carries section-level data (e.g. the calendar's type) into the hash. */
  constructor(header = '') {
    this.prefix = header
  }

  addRow(canonical: string): void {
    this.digests.push(crypto.createHash('sha256').update(canonical).digest('binary'))
  }

  get rows(): number {
    return this.digests.length
  }

  digest(): SectionDigest {
    // latin1 strings compare by byte value, so this is a plain byte-order sort.
    this.digests.sort()
    const hash = crypto.createHash('sha256').update(this.prefix)
    for (const d of this.digests) hash.update(d, 'binary')
    return { rows: this.digests.length, sha256: hash.digest('hex') }
  }
}

export const EMPTY_SECTION: SectionDigest = new SectionHasher().digest()

/** The revision's content hash over every data section in a fixed order; absent = empty. */
export function contentHash(sections: Partial<Record<SectionStem, SectionDigest>>): string {
  const hash = crypto.createHash('sha256')
  for (const stem of SECTION_STEMS) {
    const s = sections[stem] ?? EMPTY_SECTION
    hash.update(`${stem}\t${s.rows}\t${s.sha256}\n`)
  }
  return hash.digest('hex')
}
