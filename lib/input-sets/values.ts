// Strict value parsing: a cell either parses exactly or yields a message naming why.
// Nothing is coerced: "12abc", "NaN", "Infinity" and "2025-02-30" are errors.

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const PERIOD_KEY_PATTERN = /^(\d{4}-(0[1-9]|1[0-2])|\d{4}-W(0[1-9]|[1-4]\d|5[0-3]))$/

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; code?: 'out_of_range' | 'not_a_whole_number' }

export function parseNumber(text: string): Parsed<number> {
  if (!NUMBER_PATTERN.test(text)) return { ok: false, message: `'${clip(text)}' is not a number` }
  const value = Number(text)
  if (!Number.isFinite(value)) return { ok: false, message: `'${clip(text)}' is out of range`, code: 'out_of_range' }
  // -0 and 0 are the same quantity; keep one spelling so hashes agree.
  return { ok: true, value: value === 0 ? 0 : value }
}

/** A whole number in any number spelling (7 = 7.0 = 7e0), like every other number. */
export function parseInteger(text: string): Parsed<number> {
  const parsed = parseNumber(text)
  if (!parsed.ok) return parsed
  if (!Number.isInteger(parsed.value)) return { ok: false, message: `'${clip(text)}' is not a whole number`, code: 'not_a_whole_number' }
  if (!Number.isSafeInteger(parsed.value)) return { ok: false, message: `'${clip(text)}' is out of range`, code: 'out_of_range' }
  return parsed
}

export function isIsoDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export function parseDate(text: string): Parsed<string> {
  return isIsoDate(text) ? { ok: true, value: text } : { ok: false, message: `'${clip(text)}' is not a valid ISO date (YYYY-MM-DD)` }
}

/** Open PO due: an ISO date, a known calendar period, or a month/ISO-week period key. */
export function parseDue(text: string, calendarPeriods: ReadonlySet<string> | undefined): Parsed<string> {
  if (isIsoDate(text) || calendarPeriods?.has(text) || PERIOD_KEY_PATTERN.test(text)) return { ok: true, value: text }
  return { ok: false, message: `'${clip(text)}' is neither an ISO date (YYYY-MM-DD) nor a period key` }
}

/** Days from start to end inclusive, both ISO dates. */
export function daysInclusive(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
