// Strict value parsing: a cell either parses exactly or yields a message naming why.
// Nothing is coerced: "12abc", "NaN", "Infinity" and "2025-02-30" are errors.

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const PERIOD_KEY_PATTERN = /^(\d{4}-(0[1-9]|1[0-2])|\d{4}-W(0[1-9]|[1-4]\d|5[0-3]))$/

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; code?: 'out_of_range' | 'not_a_whole_number' | 'inexact_number' }

/** Text in a number spelling whose value is finite: what a spreadsheet reads as a number. */
export function isNumberText(text: string): boolean {
  return NUMBER_PATTERN.test(text) && Number.isFinite(Number(text))
}

/**
 * A number whose stored value reads back as written (0.1 stays 0.1, the shortest spelling of its
 * double). Numbers are IEEE doubles, which hold 15 to 17 significant digits: a value with more
 * (a 20-digit quantity) or one too small to hold would silently become a different number, so it
 * is an error that shows what it would become.
 */
export function parseNumber(text: string): Parsed<number> {
  const read = readNumber(text)
  if (!read.ok) return read
  return exactly(text, read.value) ?? read
}

/** A whole number in any number spelling (7 = 7.0 = 7e0), like every other number, up to ±(2⁵³ − 1). */
export function parseInteger(text: string): Parsed<number> {
  const read = readNumber(text)
  if (!read.ok) return read
  const { value } = read
  // Past 2⁵³ not every whole number exists as a double: the value could not be told from its neighbours.
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return { ok: false, message: `'${clip(text)}' is out of range: whole numbers go up to ±${Number.MAX_SAFE_INTEGER}`, code: 'out_of_range' }
  }
  const inexact = exactly(text, value)
  if (inexact) return inexact
  if (!Number.isInteger(value)) return { ok: false, message: `'${clip(text)}' is not a whole number`, code: 'not_a_whole_number' }
  return read
}

function readNumber(text: string): Parsed<number> {
  if (!NUMBER_PATTERN.test(text)) return { ok: false, message: `'${clip(text)}' is not a number` }
  const value = Number(text)
  if (!Number.isFinite(value)) return { ok: false, message: `'${clip(text)}' is out of range`, code: 'out_of_range' }
  // -0 and 0 are the same quantity; keep one spelling so hashes agree.
  return { ok: true, value: value === 0 ? 0 : value }
}

/** Undefined when `value` (read from `text`) is the number `text` denotes; otherwise why not. */
function exactly(text: string, value: number): Parsed<number> | undefined {
  // Up to 15 significant digits always read back as written (a double's 15 decimal digits of
  // precision) unless the value is too small for full precision: only longer spellings, such as
  // full-precision floats written by a program, are compared. Short plain cells skip even the count.
  if (text.length <= 15 && text.indexOf('e') < 0 && text.indexOf('E') < 0) return undefined
  const digits = significantDigits(text)
  if (digits <= 15 && (value === 0 ? digits === 0 : Math.abs(value) >= MIN_NORMAL)) return undefined
  const shortest = String(value)
  // A full-precision value written by JavaScript, Python or the export is usually this very spelling.
  if (shortest === text || decimalKey(text) === decimalKey(shortest)) return undefined
  if (value === 0) return { ok: false, message: `'${clip(text)}' is out of range: too small to store, it would become 0`, code: 'out_of_range' }
  return {
    ok: false,
    message: `'${clip(text)}' has more significant digits than a number can hold exactly (15 always fit); it would be stored as ${shortest}`,
    code: 'inexact_number',
  }
}

const MIN_NORMAL = 2.2250738585072014e-308

/** Digits from the first to the last non-zero one, before any exponent: '0.00120' has 2, '1200' has 2. */
function significantDigits(text: string): number {
  let count = 0
  let zeros = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x65 || c === 0x45) break
    if (c < 0x30 || c > 0x39) continue
    if (c === 0x30) {
      if (count > 0) zeros++
      continue
    }
    count += zeros + 1
    zeros = 0
  }
  return count
}

/** A decimal spelling reduced to sign, significant digits and exponent: '0012.50' and '1.25e1' give the same key. */
function decimalKey(text: string): string {
  let s = text
  const negative = s[0] === '-'
  if (negative || s[0] === '+') s = s.slice(1)
  let exponent = 0
  const e = s.search(/[eE]/)
  if (e >= 0) {
    exponent = Number(s.slice(e + 1))
    s = s.slice(0, e)
  }
  const dot = s.indexOf('.')
  let digits = dot >= 0 ? s.slice(0, dot) + s.slice(dot + 1) : s
  exponent += dot >= 0 ? dot : s.length
  const lead = digits.search(/[^0]/)
  if (lead < 0) return '0'
  digits = digits.slice(lead).replace(/0+$/, '')
  return `${negative ? '-' : ''}${digits}e${exponent - lead}`
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
