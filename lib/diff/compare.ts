// Value and key comparison shared by every section of the diff.
import { stableStringify } from '../input-sets/bundle/json-value'
import type { FieldChange, Tolerance } from './types'

/**
 * Orders keys the way the SQL side does (SQLite BINARY, PostgreSQL COLLATE "C"): by UTF-8
 * bytes, i.e. by code point, with NULL first. JS `<` compares UTF-16 code units, which
 * puts characters outside the BMP (surrogates, 0xD800–0xDFFF) before U+E000–U+FFFF
 * although their UTF-8 bytes sort after; so at the first differing unit surrogates are
 * lifted above the BMP. No allocation, unlike Buffer.compare on encoded copies.
 */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800
}

/** A numeric change with deltas and the tolerance verdict; undefined when equal. */
export function numberChange(previous: number | null, current: number | null, tol: Tolerance): FieldChange | undefined {
  if (previous === current) return undefined
  if (previous === null || current === null) return { previous, current }
  const delta = current - previous
  return {
    previous,
    current,
    delta,
    relative: previous === 0 ? null : delta / Math.abs(previous),
    within_tolerance: Math.abs(delta) <= tol.abs + tol.rel * Math.abs(previous),
  }
}

/** Any other value: compared by its canonical JSON text (strings as themselves). */
export function valueChange(previous: unknown, current: unknown, tol: Tolerance): FieldChange | undefined {
  const p = previous ?? null
  const c = current ?? null
  if (typeof p === 'number' && typeof c === 'number') return numberChange(p, c, tol)
  if (p === c || stableStringify(p) === stableStringify(c)) return undefined
  return { previous: p, current: c }
}

export function toNumber(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v)
}
