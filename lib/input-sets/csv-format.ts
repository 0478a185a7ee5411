// CSV output for exports: RFC 4180 quoting, `\n` line ends, numbers in the shortest
// spelling that reads back to the same value, so export → import keeps the hash.
import type { WriteStream } from 'node:fs'
import { once } from 'node:events'

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
