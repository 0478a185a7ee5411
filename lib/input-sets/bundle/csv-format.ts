// CSV output for exports: RFC 4180 quoting, `\n` line ends, numbers in the shortest
// spelling that reads back to the same value, so export → import keeps the hash.
import type { WriteStream } from 'node:fs'
import { once } from 'node:events'
import { isNumberText } from './values'

/*
 * Formula injection. A spreadsheet opening an exported CSV runs a cell that starts with = + - @
 * (or with a tab or CR before one) as a formula: `=HYPERLINK("http://x","y")` becomes a link.
 * Such data is legitimate and imported as it is; on export, a text cell starting with one of
 * = + - @ tab CR — or with an apostrophe — is written with one extra leading apostrophe, which
 * spreadsheets show as text. On import every text cell loses exactly one leading apostrophe
 * (csv-cells.ts, csv-section.ts), so export → import gives back the stored value and the same
 * content hash: `=SUM(A1)` ⇄ `'=SUM(A1)`, `'abc` ⇄ `''abc`. Numbers are never touched: numeric
 * columns, and text cells holding a plain number such as `-5`, which no spreadsheet runs.
 */
const NEEDS_GUARD = /^[=+\-@\t\r']/

/** A text cell as exported: with one extra leading apostrophe where it could run as a formula. */
export function guardTextCell(text: string): string {
  return NEEDS_GUARD.test(text) && !isNumberText(text) ? `'${text}` : text
}

/** A text cell as imported: one leading apostrophe removed (the export's guard, or a spreadsheet's text marker). */
export function unguardTextCell(text: string): string {
  return text.charCodeAt(0) === 0x27 ? text.slice(1) : text
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? String(value) : String(value)
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\n`
}

/** Writes with back-pressure so a million-row export never buffers the whole file. */
export async function writeChunk(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}

export async function closeStream(out: WriteStream): Promise<void> {
  out.end()
  await once(out, 'finish')
}
