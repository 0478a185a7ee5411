// Streams one CSV section: header mapping, per-cell validation, duplicate keys,
// canonical rows for the hash, and batches for the store. Rows are never all in memory.
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import type { BundleEntry } from './bundle-source'
import { canonicalRow, SectionHasher, type SectionDigest } from './hashing'
import type { ReportBuilder } from './report'
import { keyFields, type CsvSectionDef, type FieldDef } from './sections'
import { EncodingError, utf8Decoder } from './text-decoding'
import { parseDate, parseDue, parseInteger, parseNumber, type Parsed } from './values'

export type CellValue = string | number | null
export type ParsedRow = { values: CellValue[]; extra: Record<string, string> | null; line: number }

export type CsvReadOptions = {
  report: ReportBuilder
  maxFileBytes: number
  calendarPeriods?: ReadonlySet<string>
  /** Cross-section checks see each accepted row. */
  inspect?: (row: ParsedRow) => void
  /** Receives accepted rows in batches; absent when only validating. */
  sink?: (rows: ParsedRow[]) => Promise<void>
  onProgress?: (rowsRead: number) => void
}

const BATCH = 5000
const MAX_RECORD_BYTES = 1_000_000
const RESOURCE_TYPES = new Set(['workcenter', 'node', 'supplier'])

type ColumnPlan = { fieldIndex: (number | undefined)[]; extraNames: (string | undefined)[]; present: Set<number> }

export async function readCsvSection(def: CsvSectionDef, entry: BundleEntry, opts: CsvReadOptions): Promise<SectionDigest> {
  const { report } = opts
  const counts = report.counts(def.stem)
  const hasher = new SectionHasher()
  if (entry.size > opts.maxFileBytes) {
    report.error('file_too_large', entry.name, null, null, `${entry.name} is ${entry.size} bytes; the limit is ${opts.maxFileBytes}.`)
    return hasher.digest()
  }
  const seen = new Map<string, number>()
  const position = new Map(def.fields.map((f, i) => [f.name, i]))
  let plan: ColumnPlan | undefined
  let batch: ParsedRow[] = []
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_RECORD_BYTES })
  const consume = async () => {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!plan) {
        plan = planColumns(def, entry.name, record, report)
        if (!plan) return
        continue
      }
      counts.rows_read++
      if (opts.onProgress && counts.rows_read % 50_000 === 0) opts.onProgress(counts.rows_read)
      const row = parseRecord(def, entry.name, record, info.lines, plan, opts)
      if (!row) continue
      const keyNames = keyFields(def, row.values)
      const keyValues = keyNames.map((k) => row.values[position.get(k)!] ?? '')
      const key = `${keyNames.join(',')}\u0000${keyValues.join('\u0000')}`
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        const shown = keyNames.map((k, i) => `${k}=${keyValues[i]}`).join(', ')
        report.error('duplicate_key', entry.name, row.line, keyNames.join(','), `Duplicate key (${shown}): rows ${earlier} and ${row.line}.`)
        continue
      }
      seen.set(key, row.line)
      counts.rows_accepted++
      hasher.addRow(canonicalRow(row.values, row.extra))
      opts.inspect?.(row)
      if (opts.sink) {
        batch.push(row)
        if (batch.length >= BATCH) {
          await opts.sink(batch)
          batch = []
        }
      }
    }
  }
  try {
    await Promise.all([pipeline(await entry.open(), utf8Decoder(), parser), consume()])
  } catch (err) {
    reportStreamError(entry.name, err, report)
  }
  if (!plan && counts.rows_read === 0 && !report.hasErrors) {
    report.error('missing_header', entry.name, 1, null, `${entry.name} is empty: a header row is required.`)
  }
  if (opts.sink && batch.length) await opts.sink(batch)
  return hasher.digest()
}

function reportStreamError(file: string, err: unknown, report: ReportBuilder): void {
  if (err instanceof EncodingError) {
    report.error('bad_encoding', file, err.line, null, `${file}: ${err.message}.`)
    return
  }
  const e = err as { code?: string; lines?: number; message?: string }
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
    const why = e.code === 'CSV_MAX_RECORD_SIZE' ? `a row is longer than ${MAX_RECORD_BYTES} bytes` : (e.message ?? e.code)
    report.error('csv_syntax', file, e.lines ?? null, null, `${file} cannot be read as CSV: ${why}.`)
    return
  }
  throw err
}

function planColumns(def: CsvSectionDef, file: string, header: string[], report: ReportBuilder): ColumnPlan | undefined {
  const fieldIndex: (number | undefined)[] = []
  const extraNames: (string | undefined)[] = []
  const present = new Set<number>()
  const used = new Map<string, number>()
  let ok = true
  header.forEach((raw, col) => {
    const name = raw.trim()
    const idx = def.fields.findIndex((f) => f.name === name.toLowerCase() || f.aliases?.includes(name.toLowerCase()))
    const canonical = idx >= 0 ? def.fields[idx].name : name
    if (used.has(canonical)) {
      report.error('duplicate_column', file, 1, name, `Column '${name}' appears twice in the header (columns ${used.get(canonical)! + 1} and ${col + 1}).`)
      ok = false
    }
    used.set(canonical, col)
    fieldIndex.push(idx >= 0 ? idx : undefined)
    extraNames.push(idx >= 0 ? undefined : name)
    if (idx >= 0) present.add(idx)
    else report.warning('unknown_column', file, 1, name, `Unknown column '${name}' is kept as a row attribute.`)
  })
  def.fields.forEach((f, i) => {
    if (f.required && !present.has(i)) {
      const also = f.aliases?.length ? ` (or ${f.aliases.join(', ')})` : ''
      report.error('missing_column', file, 1, f.name, `Required column '${f.name}'${also} is missing.`)
      ok = false
    }
  })
  return ok ? { fieldIndex, extraNames, present } : undefined
}

function parseRecord(def: CsvSectionDef, file: string, record: string[], line: number, plan: ColumnPlan, opts: CsvReadOptions): ParsedRow | undefined {
  const { report } = opts
  if (record.length !== plan.fieldIndex.length) {
    report.error('column_count', file, line, null, `Row has ${record.length} values; the header has ${plan.fieldIndex.length}.`)
    return undefined
  }
  const values: CellValue[] = def.fields.map(() => null)
  let extra: Record<string, string> | null = null
  let ok = true
  record.forEach((cell, col) => {
    const idx = plan.fieldIndex[col]
    if (idx === undefined) {
      ;(extra ??= {})[plan.extraNames[col]!] = cell
      return
    }
    const field = def.fields[idx]
    const parsed = parseCell(field, cell.trim(), opts)
    if (parsed.ok) values[idx] = parsed.value
    else {
      report.error(parsed.code, file, line, field.name, parsed.message)
      ok = false
    }
  })
  def.fields.forEach((f, i) => {
    if (!plan.present.has(i) && f.default !== undefined) values[i] = f.default
  })
  return ok ? { values, extra, line } : undefined
}

type CellResult = { ok: true; value: CellValue } | { ok: false; code: string; message: string }

function parseCell(field: FieldDef, text: string, opts: CsvReadOptions): CellResult {
  if (text === '') {
    if (field.required) return { ok: false, code: 'empty_value', message: `Required value '${field.name}' is empty.` }
    return { ok: true, value: field.default ?? null }
  }
  switch (field.type) {
    case 'string':
      return { ok: true, value: text }
    case 'resource_type':
      return RESOURCE_TYPES.has(text)
        ? { ok: true, value: text }
        : { ok: false, code: 'bad_value', message: `'${text}' is not one of workcenter, node, supplier.` }
    case 'date':
      return fromParsed(parseDate(text), 'bad_date')
    case 'due':
      return fromParsed(parseDue(text, opts.calendarPeriods), 'bad_date')
    case 'int':
      return checkRange(field, fromParsed(parseInteger(text), 'not_a_number'))
    case 'number':
      return checkRange(field, fromParsed(parseNumber(text), 'not_a_number'))
  }
}

function fromParsed<T extends CellValue>(p: Parsed<T>, code: string): CellResult {
  return p.ok ? p : { ok: false, code, message: `${p.message}.` }
}

function checkRange(field: FieldDef, result: CellResult): CellResult {
  if (!result.ok || typeof result.value !== 'number') return result
  const v = result.value
  if (field.min !== undefined && (field.minExclusive ? v <= field.min : v < field.min)) {
    return { ok: false, code: 'out_of_range', message: `${field.name} must be ${field.minExclusive ? '>' : '≥'} ${field.min}; got ${v}.` }
  }
  if (field.max !== undefined && v > field.max) {
    return { ok: false, code: 'out_of_range', message: `${field.name} must be ≤ ${field.max}; got ${v}.` }
  }
  return result
}
