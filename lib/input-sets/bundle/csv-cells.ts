// Per-column cell parsers, fixed once from the header so the hot loop allocates nothing
// per cell: a parser returns the value, or undefined with the reason left in `failure`.
import { unguardTextCell } from './csv-format'
import type { FieldDef } from './sections'
import { parseDate, parseDue, parseInteger, parseNumber, type Parsed } from './values'

/** One parsed cell: text, a number, or null for an empty optional cell without a default. */
export type CellValue = string | number | null

/** What parsing depends on beyond the field: due dates may name a calendar period. */
export type CellParseOptions = { calendarPeriods?: ReadonlySet<string> }

export const RESOURCE_TYPES = new Set(['workcenter', 'node', 'supplier'])

/** A cell's value, or undefined with the reason left in `failure`. */
type CellParser = (text: string) => CellValue | undefined

export const failure = { code: '', message: '' }

/**
 * Text values are unique-key columns, and PostgreSQL refuses a btree index entry over 2704 bytes:
 * two values of this size and the revision id fit. The same limit on SQLite keeps both alike.
 */
export const MAX_TEXT_BYTES = 1000

export function overTextLimit(text: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings need no count.
  return text.length * 3 > MAX_TEXT_BYTES && Buffer.byteLength(text) > MAX_TEXT_BYTES
}

/** Input echoed in a message is clipped: a report lists up to MAX_ISSUES_PER_FILE of them. */
const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text)

function fail(code: string, message: string): undefined {
  failure.code = code
  failure.message = message
  return undefined
}

export function cellParser(field: FieldDef, opts: CellParseOptions): CellParser {
  const parse = typedParser(field, opts)
  if (field.type === 'number' || field.type === 'int') return parse
  // Text cells lose one leading apostrophe, the export's formula guard (csv-format.ts); what it
  // guarded is trimmed like any cell, so a stored value never starts or ends with a space.
  return (text) => parse(text.charCodeAt(0) === 0x27 ? unguardTextCell(text).trim() : text)
}

function typedParser(field: FieldDef, opts: CellParseOptions): CellParser {
  const whenEmpty = field.required ? undefined : (field.default ?? null)
  const empty = () => (field.required ? fail('empty_value', `Required value '${field.name}' is empty.`) : whenEmpty)
  switch (field.type) {
    case 'string':
      return (text) => (text === '' ? empty() : overTextLimit(text) ? fail('value_too_long', `${field.name} is longer than ${MAX_TEXT_BYTES} bytes.`) : text)
    case 'resource_type':
      return (text) => (text === '' ? empty() : RESOURCE_TYPES.has(text) ? text : fail('bad_value', `'${clip(text)}' is not one of workcenter, node, supplier.`))
    case 'date':
      return (text) => (text === '' ? empty() : fromParsed(parseDate(text), 'bad_date'))
    case 'due':
      return (text) => (text === '' ? empty() : fromParsed(parseDue(text, opts.calendarPeriods), 'bad_date'))
    case 'int':
      return (text) => (text === '' ? empty() : checkRange(field, fromParsed(parseInteger(text), 'not_a_number')))
    case 'number':
      return (text) => (text === '' ? empty() : checkRange(field, fromParsed(parseNumber(text), 'not_a_number')))
  }
}

function fromParsed<T extends CellValue>(p: Parsed<T>, code: string): T | undefined {
  return p.ok ? p.value : fail(p.code ?? code, `${p.message}.`)
}

function checkRange(field: FieldDef, v: CellValue | undefined): CellValue | undefined {
  if (typeof v !== 'number') return v
  if (field.min !== undefined && (field.minExclusive ? v <= field.min : v < field.min)) {
    return fail('out_of_range', `${field.name} must be ${field.minExclusive ? '>' : '≥'} ${field.min}; got ${v}.`)
  }
  if (field.max !== undefined && v > field.max) {
    return fail('out_of_range', `${field.name} must be ≤ ${field.max}; got ${v}.`)
  }
  return v
}
