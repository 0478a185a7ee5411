// Streams one CSV section: header mapping, per-cell validation, duplicate keys,
// canonical rows for the hash, and batches for the store. Rows are never all in memory.
// Hot path (10⁶ rows): records arrive in batches per input chunk, cells go through parsers
// fixed per column, keys are checked in a compact index and digests are packed; past a fixed
// number of rows both go to disk (duplicate-keys.ts, hashing.ts), so memory does not grow with the file.
import { pipeline } from 'node:stream/promises'
import { CsvError } from 'csv-parse'
import { readEntry, UnreadableEntryError, type BundleEntry } from './bundle-source'
import { cellParser, failure, type CellValue } from './csv-cells'
import { unguardTextCell } from './csv-format'
import { DuplicateKeys } from './duplicate-keys'
import { canonicalRow, SectionHasher, type SectionDigest } from './hashing'
import { CsvRecordReader, MAX_RECORD_BYTES, type RecordBatch } from './csv-records'
import type { ReportBuilder } from './report'
import type { RowBudget } from './row-caps'
import { fieldIndexOf, keyFields, type CsvSectionDef } from './sections'
import { EncodingError, utf8Decoder } from './text-decoding'
import type { CsvDialect } from './descriptor'
import { compareHeader } from './descriptor-schema'
import { IntegrityMeter } from './declared-integrity'

export type ParsedRow = { values: CellValue[]; extra: Record<string, string> | null; line: number }

export type CsvReadOptions = {
  report: ReportBuilder
  maxFileBytes: number
  /** Rows read so far in this upload, against MAX_ROWS_PER_FILE and MAX_ROWS_PER_UPLOAD. */
  rows: RowBudget
  /** How the file is written, as its datapackage.json declares; absent: comma-separated with a header row. */
  dialect?: CsvDialect
  calendarPeriods?: ReadonlySet<string>
  /** Cross-section checks see each accepted row. */
  inspect?: (row: ParsedRow) => void
  /** Receives accepted rows in batches; absent when only validating. */
  sink?: (rows: ParsedRow[]) => Promise<void>
  /** Rows per batch handed to the sink (default 5,000). */
  batchRows?: number
  onProgress?: (rowsRead: number) => void
}

const BATCH = 5000

type ColumnPlan = { fieldIndex: (number | undefined)[]; extraNames: (string | undefined)[]; present: Set<number> }

export async function readCsvSection(def: CsvSectionDef, entry: BundleEntry, opts: CsvReadOptions): Promise<SectionDigest> {
  const { report } = opts
  const counts = report.counts(def.stem)
  const hasher = new SectionHasher()
  if (entry.size > opts.maxFileBytes) {
    report.error('file_too_large', entry.name, null, null, `${entry.name} is ${entry.size} bytes; the limit is ${opts.maxFileBytes}.`)
    return await hasher.digest()
  }
  const keys = new DuplicateKeys(def)
  const batchRows = opts.batchRows ?? BATCH
  let plan: ColumnPlan | undefined
  let parseRow: RecordParser | undefined
  let batch: ParsedRow[] = []
  // The previous batch may still be being stored while the next one is read (PostgreSQL
  // works while this process parses); at most one is in flight, and a failure surfaces at
  // the next write or at the end of the section.
  let writing: Promise<void> | undefined
  // Once keys are spilled, two rows with one key can reach the store before they are known to be
  // duplicates, and its unique index refuses them. Writing stops there and reading goes on: if the
  // file has such duplicates, they are reported and the import fails on them; if not, the
  // store's error is thrown after all.
  let sinkError: { error: unknown } | undefined
  const write = async (rows: ParsedRow[]) => {
    if (writing) await writing
    if (sinkError) return
    writing = opts.sink!(rows).catch((error: unknown) => {
      if (!keys.spilled) throw error
      sinkError = { error }
    })
    writing.catch(() => undefined) // awaited later; not an unhandled rejection meanwhile
  }
  const { delimiter = ',', quote = '"', escape = '"', comment, columns } = opts.dialect ?? {}
  const parser = new CsvRecordReader({ delimiter, quote, escape, ...(comment ? { comment } : {}) })
  // A file without a header row (its dialect says so) has the columns its schema lists.
  if (columns) {
    plan = planColumns(def, entry.name, columns, report, null)
    if (!plan) return await hasher.digest()
    parseRow = recordParser(def, entry.name, plan, opts)
  }
  let streamFailed = false
  // Reading stops before the end of the file: a rejected header, the error cap, or a row cap
  // (refused). The abort this causes in the pipeline is expected, not an error of the file.
  let stoppedEarly = false
  let refused: Error | undefined
  /** After an error on `line`: stop reading once the file has as many errors as the report lists (the import fails anyway). */
  const atErrorCap = (line: number) => {
    if (!report.errorCapReached(entry.name)) return false
    report.stopChecking(entry.name, line)
    stoppedEarly = true
    return true
  }
  const consume = async () => {
    for await (const { records, lines } of parser as AsyncIterable<RecordBatch>) {
      // Spilled keys and digests are written in the background; wait here while too many of them
      // are unwritten, so memory stays bounded when the disk is slower than the parse.
      if (keys.backlogged || hasher.backlogged) await Promise.all([keys.drained(), hasher.drained()])
      for (let r = 0; r < records.length; r++) {
        const record = records[r]
        if (!plan) {
          plan = planColumns(def, entry.name, record, report)
          if (opts.dialect?.declared) compareHeader(def, entry.name, record, opts.dialect.declared, report)
          if (!plan) {
            stoppedEarly = true
            return
          }
          parseRow = recordParser(def, entry.name, plan, opts)
          continue
        }
        counts.rows_read++
        refused = opts.rows.count(entry.name, counts.rows_read, lines[r])
        if (refused) {
          stoppedEarly = true
          return
        }
        if (opts.onProgress && counts.rows_read % 50_000 === 0) opts.onProgress(counts.rows_read)
        const row = parseRow!(record, lines[r])
        if (!row) {
          if (atErrorCap(lines[r])) return
          continue
        }
        const earlier = keys.firstLine(row.values, row.line)
        if (earlier !== undefined) {
          const keyNames = keyFields(def, row.values)
          reportDuplicate(
            report,
            entry.name,
            row.line,
            earlier,
            keyNames,
            keyNames.map((k) => row.values[keys.position.get(k)!] ?? ''),
          )
          if (atErrorCap(row.line)) return
          continue
        }
        counts.rows_accepted++
        hasher.addRow(canonicalRow(row.values, row.extra))
        opts.inspect?.(row)
        if (opts.sink) {
          batch.push(row)
          if (batch.length >= batchRows) {
            const full = batch
            batch = []
            await write(full)
            // A stream error ends the section: leave the rest of this batch unread, as a
            // per-record iterator would (its next read throws).
            if (streamFailed) break
          }
        }
      }
    }
  }
  let consuming: Promise<void> | undefined
  try {
    try {
      const declared = opts.dialect?.integrity
      const meter = declared && new IntegrityMeter(declared)
      const source = meter ? pipeline(readEntry(entry), meter, utf8Decoder(), parser) : pipeline(readEntry(entry), utf8Decoder(), parser)
      const streaming = source.catch((err: unknown) => {
        streamFailed = true
        throw err
      })
      consuming = consume()
      await Promise.all([streaming, consuming])
      // Only a file read to its end can be compared with what the descriptor says it is.
      if (meter && !stoppedEarly) meter.check(entry.name, report)
    } catch (err) {
      if (!stoppedEarly) reportStreamError(entry.name, err, report, parser)
    }
    // After a stream error the reader stops at its next read; let it, so no write overlaps the last.
    await consuming?.catch(() => undefined)
    if (!plan && counts.rows_read === 0 && !report.hasIssueIn(entry.name)) {
      report.error('missing_header', entry.name, 1, null, `${entry.name} is empty: a header row is required.`)
    }
    // A file that stopped early fails the import (or refuses it): its last rows are not stored.
    if (opts.sink && batch.length && !stoppedEarly) await write(batch)
    if (writing) await writing
    if (refused) throw refused
    const late = await keys.lateDuplicates(report.maxIssuesPerFile)
    for (const d of late.listed) reportDuplicate(report, entry.name, d.line, d.earlier, d.names, d.values)
    report.unlistedErrors(entry.name, late.total - late.listed.length)
    // Counted as accepted while read; the store's refusal of them is the duplicates just reported.
    counts.rows_accepted -= late.total
    if (sinkError && late.total === 0) throw sinkError.error
    return await hasher.digest()
  } finally {
    await Promise.all([keys.close(), hasher.close()])
  }
}

function reportDuplicate(report: ReportBuilder, file: string, line: number, earlier: number, names: string[], values: readonly CellValue[]): void {
  const shown = names.map((k, i) => `${k}=${values[i]}`).join(', ')
  report.error('duplicate_key', file, line, names.join(','), `Duplicate key (${shown}): rows ${earlier} and ${line}.`)
}

function reportStreamError(file: string, err: unknown, report: ReportBuilder, parser: CsvRecordReader): void {
  if (err instanceof EncodingError) {
    report.error('bad_encoding', file, err.line, null, `${file}: ${err.message}.`)
    return
  }
  // A corrupt zip entry, one larger than it declares, an I/O error: a problem of the upload.
  // Errors of the sink (the database) are not, and propagate.
  if (err instanceof UnreadableEntryError) {
    report.error('unreadable_file', file, null, null, err.message)
    return
  }
  if (!(err instanceof CsvError)) throw err
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse reports where it gave up (the end of the file); the quote opened on the row after the last good one.
    const lastRecordLine = parser.lastRecordLine
    report.error('csv_syntax', file, lastRecordLine + 1, null, `${file} cannot be read as CSV: a quoted value opened on row ${lastRecordLine + 1} is never closed.`)
    return
  }
  const parserLine = (err as unknown as { lines?: number }).lines
  const line = parserLine === undefined ? null : parser.physicalLine(parserLine)
  // csv-parse's message names its own line count; name the physical line, as the issue's row does.
  const why = err.code === 'CSV_MAX_RECORD_SIZE' ? `a row is longer than ${MAX_RECORD_BYTES} bytes` : err.message.replace(/\bline \d+/g, `line ${line ?? '?'}`)
  report.error('csv_syntax', file, line, null, `${file} cannot be read as CSV: ${why}.`)
}

function planColumns(def: CsvSectionDef, file: string, header: string[], report: ReportBuilder, headerRow: number | null = 1): ColumnPlan | undefined {
  const fieldIndex: (number | undefined)[] = []
  const extraNames: (string | undefined)[] = []
  const present = new Set<number>()
  const used = new Map<string, number>()
  let ok = true
  header.forEach((raw, col) => {
    const name = unguardTextCell(raw.trim()).trim()
    const idx = fieldIndexOf(def, name)
    const canonical = idx >= 0 ? def.fields[idx].name : name
    if (used.has(canonical)) {
      report.error('duplicate_column', file, headerRow, name, `Column '${name}' appears twice in the header (columns ${used.get(canonical)! + 1} and ${col + 1}).`)
      ok = false
    }
    used.set(canonical, col)
    fieldIndex.push(idx >= 0 ? idx : undefined)
    extraNames.push(idx >= 0 ? undefined : name)
    if (idx >= 0) present.add(idx)
    else report.warning('unknown_column', file, headerRow, name, `Unknown column '${name}' is kept as a row attribute.`)
  })
  def.fields.forEach((f, i) => {
    if (f.required && !present.has(i)) {
      const also = f.aliases?.length ? ` (or ${f.aliases.join(', ')})` : ''
      report.error('missing_column', file, headerRow, f.name, `Required column '${f.name}'${also} is missing.`)
      ok = false
    }
  })
  return ok ? { fieldIndex, extraNames, present } : undefined
}

type RecordParser = (record: string[], line: number) => ParsedRow | undefined

/** Parses and validates a record's cells with parsers fixed per column by the header. */
function recordParser(def: CsvSectionDef, file: string, plan: ColumnPlan, opts: CsvReadOptions): RecordParser {
  const { report } = opts
  const width = plan.fieldIndex.length
  const parsers = plan.fieldIndex.map((idx) => (idx === undefined ? undefined : cellParser(def.fields[idx], opts)))
  // Fields without a column take their default (or null) in every row.
  const template: CellValue[] = def.fields.map((f, i) => (!plan.present.has(i) && f.default !== undefined ? f.default : null))
  return (record, line) => {
    if (record.length !== width) {
      report.error('column_count', file, line, null, `Row has ${record.length} values; the header has ${width}.`)
      return undefined
    }
    const values = template.slice()
    let extra: Record<string, string> | null = null
    let ok = true
    for (let col = 0; col < width; col++) {
      const cell = record[col]
      const parse = parsers[col]
      if (parse === undefined) {
        // No prototype: a column named __proto__ is kept like any other, not swallowed.
        ;(extra ??= Object.create(null) as Record<string, string>)[plan.extraNames[col]!] = unguardTextCell(cell)
        continue
      }
      const value = parse(cell.trim())
      if (value !== undefined) values[plan.fieldIndex[col]!] = value
      else {
        report.error(failure.code, file, line, def.fields[plan.fieldIndex[col]!].name, failure.message)
        ok = false
      }
    }
    return ok ? { values, extra, line } : undefined
  }
}
