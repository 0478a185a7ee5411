// planning_calendar.json: periods with their weeks. Issues name the period's position
// in the file as the row and a JSON path as the column.
import { MAX_TEXT_BYTES, overTextLimit } from './csv-cells'
import { SectionHasher, type SectionDigest } from './hashing'
import { isPlainObject, pickExtra, stableStringify } from './json-value'
import type { ReportBuilder } from './report'
import { daysInclusive, isIsoDate } from './values'

export type CalendarWeek = {
  week_code: string
  sequence: number
  start_date: string
  end_date: string
  weight: number
  extra: Record<string, unknown> | null
}
export type CalendarPeriod = {
  period: string
  start_date: string
  end_date: string
  extra: Record<string, unknown> | null
  weeks: CalendarWeek[]
}
export type Calendar = {
  calendar_type: string | null
  week_unit: string | null
  extra: Record<string, unknown> | null
  periods: CalendarPeriod[]
}

export const CALENDAR_FILE = 'planning_calendar.json'
const HEADER_KEYS = ['calendar_type', 'week_unit', 'periods', 'planning_params'] as const
const PERIOD_KEYS = ['period', 'start_date', 'end_date', 'weeks'] as const
const WEEK_KEYS = ['week_code', 'sequence', 'start_date', 'end_date', 'weight'] as const

/** Validates the parsed JSON; returns the calendar only when it has no errors. */
export function readCalendar(doc: unknown, report: ReportBuilder): Calendar | undefined {
  const counts = report.counts('planning_calendar')
  const err = (row: number | null, column: string | null, message: string, code = 'bad_calendar') => report.error(code, CALENDAR_FILE, row, column, message)
  if (!isPlainObject(doc) || !Array.isArray(doc.periods)) {
    err(null, 'periods', 'The calendar must be a JSON object with a "periods" array.')
    return undefined
  }
  const before = report.errors
  const extra = pickExtra(doc, HEADER_KEYS)
  for (const k of Object.keys(extra ?? {}))
    report.warning('unknown_key', CALENDAR_FILE, null, k, `Unknown calendar key '${k}' is kept as written (and exported again); nothing reads it.`)
  const header = {
    calendar_type: optionalString(doc.calendar_type, 'calendar_type', err),
    week_unit: optionalString(doc.week_unit, 'week_unit', err),
  }
  const seen = new Map<string, number>()
  const periods: CalendarPeriod[] = []
  doc.periods.forEach((p: unknown, i: number) => {
    const row = i + 1
    counts.rows_read++
    const at = `periods[${i}]`
    if (!isPlainObject(p)) return err(row, at, 'Each period must be an object.')
    const errorsBefore = report.errors
    const period = requiredString(p.period, `${at}.period`, row, err)
    const start = requiredDate(p.start_date, `${at}.start_date`, row, err)
    const end = requiredDate(p.end_date, `${at}.end_date`, row, err)
    if (start && end && start > end) err(row, `${at}.end_date`, `end_date ${end} is before start_date ${start}.`)
    if (period !== undefined) {
      const first = seen.get(period)
      if (first !== undefined) err(row, `${at}.period`, `Duplicate period '${period}': rows ${first} and ${row}.`, 'duplicate_key')
      else seen.set(period, row)
    }
    const weeks = readWeeks(p.weeks, at, row, err)
    if (report.errors > errorsBefore || period === undefined || !start || !end || !weeks) return
    const extraP = pickExtra(p, PERIOD_KEYS)
    periods.push({ period, start_date: start, end_date: end, extra: extraP, weeks })
    counts.rows_accepted++
    checkWeekWeights(header.week_unit, periods.at(-1)!, row, report)
  })
  if (report.errors > before) return undefined
  return { ...header, extra, periods }
}

function readWeeks(weeks: unknown, at: string, row: number, err: (r: number, c: string, m: string, code?: string) => void) {
  if (weeks === undefined) return []
  if (!Array.isArray(weeks)) return err(row, `${at}.weeks`, '"weeks" must be an array.')
  const result: CalendarWeek[] = []
  const codes = new Set<string>()
  weeks.forEach((w: unknown, j: number) => {
    const wat = `${at}.weeks[${j}]`
    if (!isPlainObject(w)) return err(row, wat, 'Each week must be an object.')
    const code = requiredString(w.week_code, `${wat}.week_code`, row, err)
    const start = requiredDate(w.start_date, `${wat}.start_date`, row, err)
    const end = requiredDate(w.end_date, `${wat}.end_date`, row, err)
    const sequence = w.sequence
    if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence)) err(row, `${wat}.sequence`, 'sequence must be a whole number.')
    const weight = w.weight
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) err(row, `${wat}.weight`, 'weight must be a number ≥ 0.')
    if (code !== undefined && codes.has(code)) err(row, `${wat}.week_code`, `Duplicate week_code '${code}' within the period.`, 'duplicate_key')
    if (code !== undefined) codes.add(code)
    if (code !== undefined && start && end && typeof sequence === 'number' && typeof weight === 'number') {
      result.push({ week_code: code, sequence, start_date: start, end_date: end, weight, extra: pickExtra(w, WEEK_KEYS) })
    }
  })
  return result
}

function checkWeekWeights(weekUnit: string | null, p: CalendarPeriod, row: number, report: ReportBuilder): void {
  if (!p.weeks.length || (weekUnit !== null && weekUnit !== 'day')) return
  const days = daysInclusive(p.start_date, p.end_date)
  const total = p.weeks.reduce((n, w) => n + w.weight, 0)
  if (Math.abs(total - days) > 1e-9) {
    report.warning(
      'week_weights',
      CALENDAR_FILE,
      row,
      `periods[${row - 1}].weeks`,
      `Week weights of period '${p.period}' sum to ${total}, but the period has ${days} days.`,
    )
  }
}

function optionalString(v: unknown, column: string, err: (r: null, c: string, m: string) => void): string | null {
  if (v === undefined || v === null) return null
  if (typeof v !== 'string') {
    err(null, column, `${column} must be a string.`)
    return null
  }
  return v
}

function requiredString(v: unknown, column: string, row: number, err: (r: number, c: string, m: string, code?: string) => void): string | undefined {
  if (typeof v === 'string' && overTextLimit(v)) {
    err(row, column, `${column.split('.').pop()} is longer than ${MAX_TEXT_BYTES} bytes.`, 'value_too_long')
    return undefined
  }
  if (typeof v === 'string' && v.trim() !== '') return v
  err(row, column, `${column.split('.').pop()} must be a non-empty string.`)
  return undefined
}

function requiredDate(v: unknown, column: string, row: number, err: (r: number, c: string, m: string, code?: string) => void): string | undefined {
  if (typeof v === 'string' && isIsoDate(v)) return v
  err(row, column, `${column.split('.').pop()} must be an ISO date (YYYY-MM-DD); got ${JSON.stringify(v)}.`, 'bad_date')
  return undefined
}

export async function calendarDigest(cal: Calendar | undefined): Promise<SectionDigest> {
  // A calendar with nothing in it hashes like no calendar: export writes no file for it.
  const empty = !cal || (!cal.periods.length && cal.calendar_type === null && cal.week_unit === null && !cal.extra)
  const hasher = new SectionHasher(empty ? '' : stableStringify([cal.calendar_type, cal.week_unit, cal.extra]))
  for (const p of cal?.periods ?? []) hasher.addRow(canonicalPeriod(p))
  return hasher.digest()
}

function canonicalPeriod(p: CalendarPeriod): string {
  const weeks = [...p.weeks]
    .sort((a, b) => (a.week_code < b.week_code ? -1 : a.week_code > b.week_code ? 1 : 0))
    .map((w) => [w.week_code, w.sequence, w.start_date, w.end_date, w.weight, w.extra])
  return stableStringify([p.period, p.start_date, p.end_date, p.extra, weeks])
}
