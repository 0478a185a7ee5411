// Strict value parsing: a cell either parses exactly or yields a message naming why.
// Nothing is coerced: "12abc", "NaN", "Infinity" and "2025-02-30" are errors.

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const INT_PATTERN = /^[+-]?\d+$/
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const PERIOD_KEY_PATTERN = /^(\d{4}-(0[1-9]|1[0-2])|\d{4}-W(0[1-9]|[1-4]\d|5[0-3]))$/

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

export function parseNumber(text: string): Parsed<number> {
  if (!NUMBER_PATTERN.test(text)) return { ok: false, message: `'${clip(text)}' is not a number` }
  const value = Number(text)
  if (!Number.isFinite(value)) return { ok: false, message: `'${clip(text)}' is out of range` }
  // -0 and 0 are the same quantity; keep one spelling so hashes agree.
  return { ok: true, value: value === 0 ? 0 : value }
}

export function parseInteger(text: string): Parsed<number> {
  if (!INT_PATTERN.test(text)) return { ok: false, message: `'${clip(text)}' is not a whole number` }
  const value = Number(text)
  if (!Number.isSafeInteger(value)) return { ok: false, message: `'${clip(text)}' is out of range` }
  return { ok: true, value: value === 0 ? 0 : value }
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
