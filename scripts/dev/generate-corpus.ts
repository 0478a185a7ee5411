// A hostile input corpus: malformed bundles, each with a name, what it is and the outcome the
// product must give (CLI exit code, HTTP status, issue codes). Deterministic: the same options
// always give the same bytes. The large cases are generated, never committed.
//   npx tsx scripts/dev/generate-corpus.ts [-o DIR] [--full]
// --full (or CORPUS_FULL=1) uses the full sizes (a 50 MB line); the default is the CI size (8 MB).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { rawZip, type RawZipEntry } from '../../test/helpers/raw-zip'

export type IssueRef = { code: string; file: string; row?: number | null; column?: string | null }

/**
 * accepted: exit 0 · 201, listed warnings present, rows accepted per file stem as listed. rejected: a validation report, exit 2 · 422,
 * listed errors present. refused: a bad request, exit 2 with `error: …` · 400 (or `status`) with `code`.
 */
export type Expectation =
  | { outcome: 'accepted'; warnings?: IssueRef[]; rowsAccepted?: Record<string, number> }
  | { outcome: 'rejected'; errors: IssueRef[]; warnings?: IssueRef[] }
  | { outcome: 'refused'; code: string; message: string; status?: 400 | 413 }

export type CorpusBundle = { kind: 'folder'; files: Record<string, Buffer> } | { kind: 'zip'; data: Buffer }

export type CorpusCase = {
  name: string
  description: string
  bundle: CorpusBundle
  /** The label to import under; each case has its own by default. */
  label?: string
  expect: Expectation
  /** Where the REST upload's outcome differs (file names are checked before the bundle). */
  rest?: Expectation
  /** A label with NUL cannot be passed on a command line. */
  restOnly?: boolean
}

/** The limits the corpus runs with (set in the CLI's and the server's environment) and the size of the long line. */
export type CorpusOptions = { lineBytes: number; maxFileBytes: number; maxRowsPerFile: number }

const MIB = 1024 * 1024

/**
 * CI size unless full: the file limit sits above the long line, so the line reaches the parser.
 * The row cap is small so that a file passes it without millions of rows, and above the error
 * cap (MAX_ISSUES_PER_FILE, 1000), so that a file of duplicate rows stops at the error cap first.
 */
export function corpusOptions(full = process.env.CORPUS_FULL === '1'): CorpusOptions {
  const lineBytes = full ? 50 * MIB : 8 * MIB
  return { lineBytes, maxFileBytes: 2 * lineBytes, maxRowsPerFile: 2000 }
}

const b = (text: string | Buffer) => (typeof text === 'string' ? Buffer.from(text) : text)
const lines = (...rows: string[]) => `${rows.join('\n')}\n`
const DEMAND = 'demand_family.csv'
const demand = (...rows: string[]) => lines('family,period,demand', ...rows)
/** The same for many rows (a spread of 200,000 arguments would overflow the stack). */
const demandOf = (rows: string[]) => `family,period,demand\n${rows.join('\n')}\n`

const calendar = JSON.stringify({
  calendar_type: 'custom',
  week_unit: 'day',
  periods: [
    {
      period: '2025-01',
      start_date: '2025-01-01',
      end_date: '2025-01-31',
      weeks: [{ week_code: 'W1', sequence: 1, start_date: '2025-01-01', end_date: '2025-01-31', weight: 31 }],
    },
  ],
})

/** A small bundle that imports cleanly; cases replace or add files. */
function valid(): Record<string, Buffer> {
  return {
    [DEMAND]: b(demand('F1,2025-01,100', 'F2,2025-01,80')),
    'mix_share.csv': b(lines('family,sku,share', 'F1,SKU1,1', 'F2,SKU2,1')),
    'capacity.csv': b(lines('workcenter,period,capacity', 'WC1,2025-01,500')),
    'planning_calendar.json': b(calendar),
  }
}

const folder = (files: Record<string, string | Buffer>): CorpusBundle => ({
  kind: 'folder',
  files: Object.fromEntries(Object.entries({ ...valid(), ...files }).map(([k, v]) => [k, b(v)])),
})
const only = (files: Record<string, string | Buffer>): CorpusBundle => ({
  kind: 'folder',
  files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, b(v)])),
})
const zip = (entries: RawZipEntry[]): CorpusBundle => ({ kind: 'zip', data: rawZip(entries) })
const zipOfValid = (extra: RawZipEntry[] = []): RawZipEntry[] => [...Object.entries(valid()).map(([name, data]) => ({ name, data })), ...extra]

const rejected = (errors: IssueRef[], warnings?: IssueRef[]): Expectation => ({ outcome: 'rejected', errors, ...(warnings ? { warnings } : {}) })
const accepted = (warnings?: IssueRef[], rowsAccepted?: Record<string, number>): Expectation => ({
  outcome: 'accepted',
  ...(warnings ? { warnings } : {}),
  ...(rowsAccepted ? { rowsAccepted } : {}),
})
const refused = (code: string, message: string, status?: 413): Expectation => ({ outcome: 'refused', code, message, ...(status ? { status } : {}) })

/** Deterministic pseudo-random bytes (xorshift), so "binary junk" is the same every run. */
function junk(size: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(size)
  let x = seed
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** Deterministic letters that do not compress (a long run of one letter would). */
function letters(n: number): string {
  return [...junk(n, 99)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')
}

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  return bigEndian ? le.swap16() : le
}

export function corpusCases(o: CorpusOptions = corpusOptions()): CorpusCase[] {
  const longLine = `F1,2025-01,${'9'.repeat(o.lineBytes)}`
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
  const cases: CorpusCase[] = [
    // CSV syntax
    {
      name: 'unterminated-quote',
      description: 'a quoted value opened on row 3 is never closed',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,100', '"F2,2025-01,80', 'F3,2025-01,1') }),
      expect: rejected([{ code: 'csv_syntax', file: DEMAND, row: 3 }]),
    },
    {
      name: 'quote-in-unquoted-field',
      description: 'a double quote inside an unquoted value on row 3',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,100', 'F"2,2025-01,80') }),
      expect: rejected([{ code: 'csv_syntax', file: DEMAND, row: 3 }]),
    },
    {
      name: 'mixed-line-endings',
      description: 'CRLF, LF and a lone CR as row ends in one file: three rows, as written',
      bundle: folder({ [DEMAND]: 'family,period,demand\r\nF1,2025-01,100\nF2,2025-01,80\rF3,2025-01,1\r\n' }),
      expect: accepted(undefined, { demand_family: 3 }),
    },
    {
      name: 'single-long-line',
      description: `one row of ${o.lineBytes} bytes`,
      bundle: folder({ [DEMAND]: `family,period,demand\n${longLine}\n` }),
      expect: rejected([{ code: 'csv_syntax', file: DEMAND, row: 2 }]),
    },
    {
      name: 'binary-junk',
      description: '64 KiB of random bytes as a CSV',
      bundle: folder({ [DEMAND]: junk(64 * 1024) }),
      expect: rejected([{ code: 'bad_encoding', file: DEMAND }]),
    },
    {
      name: 'utf16-le-bom',
      description: 'demand_family.csv in UTF-16 LE with BOM',
      bundle: folder({ [DEMAND]: utf16(demand('F1,2025-01,100'), false) }),
      expect: rejected([{ code: 'bad_encoding', file: DEMAND, row: 1 }]),
    },
    {
      name: 'utf16-be-bom',
      description: 'demand_family.csv in UTF-16 BE with BOM',
      bundle: folder({ [DEMAND]: utf16(demand('F1,2025-01,100'), true) }),
      expect: rejected([{ code: 'bad_encoding', file: DEMAND, row: 1 }]),
    },
    {
      name: 'latin1-bytes',
      description: "'Café' in Latin-1 on row 3",
      bundle: folder({ [DEMAND]: Buffer.from(demand('F1,2025-01,100', 'Café,2025-01,80'), 'latin1') }),
      expect: rejected([{ code: 'bad_encoding', file: DEMAND, row: 3 }]),
    },
    {
      name: 'nul-in-cell',
      description: 'a NUL byte inside a family on row 3',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,100', 'F\u00002,2025-01,80') }),
      expect: rejected([{ code: 'bad_encoding', file: DEMAND, row: 3 }]),
    },
    {
      name: 'utf16-le-no-bom',
      description: 'demand_family.csv in UTF-16 LE without a BOM',
      bundle: folder({ [DEMAND]: Buffer.from(demand('F1,2025-01,100'), 'utf16le') }),
      expect: rejected([{ code: 'bad_encoding', file: DEMAND, row: 1 }]),
    },
    {
      name: 'calendar-latin1',
      description: 'planning_calendar.json with a Latin-1 byte',
      bundle: folder({ 'planning_calendar.json': Buffer.from(calendar.replace('custom', 'cust\u00f6m'), 'latin1') }),
      expect: rejected([{ code: 'bad_encoding', file: 'planning_calendar.json' }]),
    },
    // Data that is accepted as it is; export neutralises it (csv-format.ts).
    {
      name: 'formula-injection-cells',
      description: 'spreadsheet formulas in text columns and an unknown column: accepted data',
      bundle: folder({
        [DEMAND]: lines(
          'family,period,demand,note',
          '"=HYPERLINK(""http://x"",""y"")",2025-01,1,+cmd',
          '+cmd,2025-01,2,-2+3',
          '-2+3,2025-01,3,@SUM(A1)',
          '@SUM(A1),2025-01,4,=1+1',
        ),
        'mix_share.csv': lines('family,sku,share', '"=HYPERLINK(""http://x"",""y"")",S1,1', '+cmd,S2,1', '-2+3,S3,1', '@SUM(A1),S4,1'),
      }),
      expect: accepted([{ code: 'unknown_column', file: DEMAND, row: 1, column: 'note' }], { demand_family: 4, mix_share: 4 }),
    },
    // Headers
    {
      name: 'duplicate-header',
      description: "column 'demand' twice",
      bundle: folder({ [DEMAND]: lines('family,period,demand,demand', 'F1,2025-01,1,2') }),
      expect: rejected([{ code: 'duplicate_column', file: DEMAND, row: 1, column: 'demand' }]),
    },
    {
      name: 'duplicate-header-alias',
      description: "'family' and its alias 'family_code'",
      bundle: folder({ [DEMAND]: lines('family,family_code,period,demand', 'F1,F1,2025-01,1') }),
      expect: rejected([{ code: 'duplicate_column', file: DEMAND, row: 1, column: 'family_code' }]),
    },
    {
      name: 'missing-header',
      description: 'the first row is data',
      bundle: folder({ [DEMAND]: lines('F1,2025-01,100', 'F2,2025-01,80') }),
      expect: rejected([
        { code: 'missing_column', file: DEMAND, row: 1, column: 'family' },
        { code: 'missing_column', file: DEMAND, row: 1, column: 'demand' },
      ]),
    },
    {
      name: 'empty-file',
      description: 'demand_family.csv of zero bytes',
      bundle: folder({ [DEMAND]: '' }),
      expect: rejected([{ code: 'missing_header', file: DEMAND, row: 1 }]),
    },
    {
      name: 'header-only',
      description: 'a header and no rows: an empty section',
      bundle: folder({ [DEMAND]: 'family,period,demand\n' }),
      expect: accepted(undefined, { demand_family: 0 }),
    },
    {
      name: 'extra-columns',
      description: 'an unknown column is kept with a warning',
      bundle: folder({ [DEMAND]: lines('family,period,demand,colour', 'F1,2025-01,100,red', 'F2,2025-01,80,blue') }),
      expect: accepted([{ code: 'unknown_column', file: DEMAND, row: 1, column: 'colour' }]),
    },
    {
      name: 'long-key-value',
      description: 'a 5,000-character family on row 3 (an index entry PostgreSQL cannot hold)',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,100', `${letters(5000)},2025-01,80`) }),
      expect: rejected([{ code: 'value_too_long', file: DEMAND, row: 3, column: 'family' }]),
    },
    {
      name: 'long-resource-type',
      description: 'rows whose resource_type is 500 KB each, echoed in no message whole',
      bundle: folder({
        'capacity.csv': lines('workcenter,period,capacity,resource_type', ...Array.from({ length: 20 }, (_, i) => `WC${i},2025-01,1,${'n'.repeat(500_000)}`)),
      }),
      expect: rejected([{ code: 'bad_value', file: 'capacity.csv', row: 2, column: 'resource_type' }]),
    },
    {
      name: 'calendar-long-codes',
      description: 'a 5,000-character period and parameter name',
      bundle: folder({
        'planning_calendar.json': calendar.replace('"period":"2025-01"', `"period":"${letters(5000)}"`),
        'planning_params.json': `{"${letters(5000)}":1}`,
      }),
      expect: rejected([
        { code: 'value_too_long', file: 'planning_calendar.json', row: 1, column: 'periods[0].period' },
        { code: 'value_too_long', file: 'planning_params.json' },
      ]),
    },
    {
      name: 'proto-column',
      description: "an unknown column named '__proto__' is kept like any other",
      bundle: folder({ [DEMAND]: lines('family,period,demand,__proto__', 'F1,2025-01,100,{}', 'F2,2025-01,80,x') }),
      expect: accepted([{ code: 'unknown_column', file: DEMAND, row: 1, column: '__proto__' }], { demand_family: 2 }),
    },
    {
      name: 'extra-values',
      description: 'row 3 has more values than the header',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,100', 'F2,2025-01,80,9') }),
      expect: rejected([{ code: 'column_count', file: DEMAND, row: 3 }]),
    },
    // Numbers
    {
      name: 'huge-numbers',
      description: '1e400 as a demand, a 20-digit lead time',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,1e400', 'F2,2025-01,80'), 'item.csv': lines('item,lt', 'SKU1,12345678901234567890') }),
      expect: rejected([
        { code: 'out_of_range', file: DEMAND, row: 2, column: 'demand' },
        { code: 'out_of_range', file: 'item.csv', row: 2, column: 'lt' },
      ]),
    },
    {
      name: 'twenty-digit-quantity',
      description: 'a 20-digit demand, more digits than a number holds exactly',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,12345678901234567890', 'F2,2025-01,80') }),
      expect: rejected([{ code: 'inexact_number', file: DEMAND, row: 2, column: 'demand' }]),
    },
    {
      name: 'nan-infinity',
      description: 'NaN, Infinity and -Infinity as numbers',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,NaN', 'F2,2025-01,Infinity'), 'period_cost.csv': lines('period,cost', '2025-01,-Infinity') }),
      expect: rejected([
        { code: 'not_a_number', file: DEMAND, row: 2, column: 'demand' },
        { code: 'not_a_number', file: DEMAND, row: 3, column: 'demand' },
        { code: 'not_a_number', file: 'period_cost.csv', row: 2, column: 'cost' },
      ]),
    },
    { name: 'negative-zero', description: '-0 is the quantity 0', bundle: folder({ [DEMAND]: demand('F1,2025-01,-0', 'F2,2025-01,80') }), expect: accepted() },
    {
      name: 'numbers-with-separators',
      description: "'1 000', '1,000' (quoted) and '1_000'",
      bundle: folder({ [DEMAND]: demand('F1,2025-01,1 000', 'F2,2025-01,"1,000"', 'F3,2025-01,1_000') }),
      expect: rejected([2, 3, 4].map((row) => ({ code: 'not_a_number', file: DEMAND, row, column: 'demand' }))),
    },
    {
      name: 'negative-quantities',
      description: 'negative demand and stock, a zero BOM quantity',
      bundle: folder({
        [DEMAND]: demand('F1,2025-01,-1', 'F2,2025-01,80'),
        'inventory.csv': lines('item,loc,qty', 'SKU1,WH1,-5'),
        'bom.csv': lines('parent,child,qty', 'SKU1,C1,0'),
      }),
      expect: rejected([
        { code: 'out_of_range', file: DEMAND, row: 2, column: 'demand' },
        { code: 'out_of_range', file: 'inventory.csv', row: 2, column: 'qty' },
        { code: 'out_of_range', file: 'bom.csv', row: 2, column: 'qty' },
      ]),
    },
    // Dates and keys
    {
      name: 'impossible-dates',
      description: '2025-02-30 and 2025-13-01 in date columns',
      bundle: folder({
        'mix_share.csv': lines('family,sku,share,effective_from', 'F1,SKU1,1,2025-02-30', 'F2,SKU2,1,2025-13-01'),
        'open_po.csv': lines('item,due,qty', 'SKU1,2025-02-30,1'),
      }),
      expect: rejected([
        { code: 'bad_date', file: 'mix_share.csv', row: 2, column: 'effective_from' },
        { code: 'bad_date', file: 'mix_share.csv', row: 3, column: 'effective_from' },
        { code: 'bad_date', file: 'open_po.csv', row: 2, column: 'due' },
      ]),
    },
    {
      name: 'duplicate-keys',
      description: 'the same family and period on rows 2 and 4',
      bundle: folder({ [DEMAND]: demand('F1,2025-01,100', 'F2,2025-01,80', 'F1,2025-01,7') }),
      expect: rejected([{ code: 'duplicate_key', file: DEMAND, row: 4, column: 'family,period' }]),
    },
    // JSON
    {
      name: 'calendar-invalid-json',
      description: 'planning_calendar.json cut off mid-object',
      bundle: folder({ 'planning_calendar.json': calendar.slice(0, 60) }),
      expect: rejected([{ code: 'bad_json', file: 'planning_calendar.json' }]),
    },
    {
      name: 'calendar-deeply-nested',
      description: "100,000 nested '[' as the calendar",
      bundle: folder({ 'planning_calendar.json': deep(100_000) }),
      expect: rejected([{ code: 'bad_json', file: 'planning_calendar.json' }]),
    },
    {
      name: 'calendar-deeply-nested-key',
      description: 'a valid calendar with an unknown key nested 100,000 deep',
      bundle: folder({ 'planning_calendar.json': `${calendar.slice(0, -1)},"x":${deep(100_000)}}` }),
      expect: rejected([{ code: 'bad_json', file: 'planning_calendar.json' }]),
    },
    {
      name: 'params-deeply-nested',
      description: 'planning_params.json with a value nested 100,000 deep',
      bundle: folder({ 'planning_params.json': `{"tolerance_abs":0.1,"x":${deep(100_000)}}` }),
      expect: rejected([{ code: 'bad_json', file: 'planning_params.json' }]),
    },
    {
      name: 'json-inexact-numbers',
      description: 'a 20-digit parameter and a calendar weight of 1e400, which JSON.parse would round and turn into Infinity',
      bundle: folder({
        'planning_params.json': '{"tolerance_abs":0.1,\n"lot":12345678901234567890}',
        'planning_calendar.json': calendar.replace('"period":"2025-01"', '"period":"2025-01","weight":1e400'),
      }),
      expect: rejected([
        { code: 'inexact_number', file: 'planning_params.json', row: 2 },
        { code: 'out_of_range', file: 'planning_calendar.json' },
      ]),
    },
    {
      name: 'json-nul-escapes',
      description: 'a \\u0000 in a calendar period and in meta.json',
      bundle: folder({ 'planning_calendar.json': calendar.replace('"period":"2025-01"', '"period":"2025-\\u000001"'), 'meta.json': '{"description":"a\\u0000b"}' }),
      expect: rejected([
        { code: 'bad_json', file: 'planning_calendar.json' },
        { code: 'bad_json', file: 'meta.json' },
      ]),
    },
    {
      name: 'calendar-bad-dates',
      description: 'a period starting 2025-02-30',
      bundle: folder({
        'planning_calendar.json': calendar.replace(
          '"start_date":"2025-01-01","end_date":"2025-01-31","weeks"',
          '"start_date":"2025-02-30","end_date":"2025-01-31","weeks"',
        ),
      }),
      expect: rejected([{ code: 'bad_date', file: 'planning_calendar.json', row: 1, column: 'periods[0].start_date' }]),
    },
    // Zip containers
    {
      name: 'zip-bomb-over-limit',
      description: `an entry expanding to ${o.maxFileBytes + MIB} bytes, over MAX_FILE_BYTES`,
      bundle: zip(zipOfValid().map((e) => (e.name === DEMAND ? { name: DEMAND, data: Buffer.alloc(o.maxFileBytes + MIB, 0x30) } : e))),
      expect: rejected([{ code: 'file_too_large', file: DEMAND }]),
    },
    {
      name: 'zip-bomb-lying-size',
      description: 'an entry declaring 40 bytes that expands far past MAX_FILE_BYTES',
      bundle: zip(
        zipOfValid().map((e) => (e.name === DEMAND ? { name: DEMAND, data: b(demand(`F1,2025-01,${'0'.repeat(o.maxFileBytes)}`)), declaredSize: 40 } : e)),
      ),
      expect: rejected([{ code: 'unreadable_file', file: DEMAND }]),
    },
    {
      name: 'zip-high-ratio',
      description: `a ${o.lineBytes}-byte single-line entry compressed about 1000:1`,
      bundle: zip(zipOfValid().map((e) => (e.name === DEMAND ? { name: DEMAND, data: b(`family,period,demand\n${longLine}\n`) } : e))),
      expect: rejected([{ code: 'csv_syntax', file: DEMAND, row: 2 }]),
    },
    {
      name: 'zip-nested-zip',
      description: 'a zip holding only another zip of a valid bundle',
      bundle: zip([{ name: 'inner.zip', data: rawZip(zipOfValid()) }]),
      expect: rejected([{ code: 'empty_bundle', file: 'bundle.zip' }], [{ code: 'unknown_file', file: 'inner.zip' }]),
    },
    {
      name: 'zip-symlink',
      description: 'capacity.csv as a symbolic link to /etc/passwd',
      bundle: zip([...zipOfValid().filter((e) => e.name !== 'capacity.csv'), { name: 'capacity.csv', data: b('/etc/passwd'), mode: 0o120777, deflate: false }]),
      expect: rejected([{ code: 'zip_symlink', file: 'capacity.csv' }]),
    },
    {
      name: 'zip-path-escape',
      description: "an entry named '../demand_family.csv'",
      bundle: zip([...zipOfValid(), { name: `../${DEMAND}`, data: b(demand('X,2025-01,1')) }]),
      expect: rejected([{ code: 'zip_path_escape', file: `../${DEMAND}` }]),
    },
    {
      name: 'zip-absolute-paths',
      description: "entries named '/etc/capacity.csv', 'C:/x.csv' and 'a\\..\\b.csv'",
      bundle: zip([...zipOfValid(), { name: '/etc/capacity.csv', data: b('x') }, { name: 'C:/x.csv', data: b('x') }, { name: 'a\\..\\b.csv', data: b('x') }]),
      expect: rejected([
        { code: 'zip_path_escape', file: '/etc/capacity.csv' },
        { code: 'zip_path_escape', file: 'C:/x.csv' },
        { code: 'zip_path_escape', file: 'a\\..\\b.csv' },
      ]),
    },
    {
      name: 'zip-duplicate-rows',
      description: 'a zip of a few KB holding 200,000 identical rows: checking stops at the 1000th error',
      bundle: zip(zipOfValid().map((e) => (e.name === DEMAND ? { name: DEMAND, data: b(demandOf(Array.from({ length: 200_000 }, () => 'F1,2025-01,1'))) } : e))),
      expect: rejected([
        { code: 'duplicate_key', file: DEMAND, row: 3 },
        { code: 'issues_truncated', file: DEMAND, row: 1002 },
      ]),
    },
    {
      name: 'zip-rows-over-cap',
      description: `a zip of ${3 * o.maxRowsPerFile} distinct valid rows, over MAX_ROWS_PER_FILE (${o.maxRowsPerFile} in this run)`,
      bundle: zip(
        zipOfValid().map((e) =>
          e.name === DEMAND ? { name: DEMAND, data: b(demandOf(Array.from({ length: 3 * o.maxRowsPerFile }, (_, i) => `F${i},2025-01,1`))) } : e,
        ),
      ),
      expect: refused('too_many_rows', `reading stopped at row ${o.maxRowsPerFile + 2}`, 413),
    },
    {
      name: 'zip-10000-files',
      description: '10,000 entries, nearly all unknown names',
      bundle: zip([
        ...zipOfValid(),
        ...Array.from({ length: 10_000 }, (_, i) => ({ name: `junk/file-${String(i).padStart(5, '0')}.txt`, data: Buffer.alloc(0), deflate: false })),
      ]),
      expect: refused('too_many_files', 'at most 1000'),
    },
    {
      name: 'zip-truncated',
      description: 'a valid zip cut in half (no central directory)',
      bundle: { kind: 'zip', data: rawZip(zipOfValid()).subarray(0, 200) },
      expect: refused('bad_zip', 'not a readable zip file'),
    },
    {
      name: 'zip-corrupt-data',
      description: 'intact directory, garbage in place of the compressed CSV',
      bundle: zip(zipOfValid().map((e) => (e.name === DEMAND ? { ...e, corrupt: (c: Buffer) => junk(c.length, 7) } : e))),
      expect: rejected([{ code: 'unreadable_file', file: DEMAND }]),
    },
    { name: 'zip-empty', description: 'a zip with no entries', bundle: zip([]), expect: rejected([{ code: 'empty_bundle', file: 'bundle.zip' }]) },
    {
      name: 'zip-duplicate-entries',
      description: 'demand_family.csv twice in one zip',
      bundle: zip([...zipOfValid(), { name: DEMAND, data: b(demand('X,2025-01,1')) }]),
      expect: rejected([{ code: 'duplicate_file', file: DEMAND }]),
    },
    {
      name: 'zip-control-char-names',
      description: 'entries with BEL, CR and ESC in their names beside a valid bundle',
      bundle: zip(
        zipOfValid([
          { name: 'demand\u0007family.csv', data: b('x') },
          { name: 'capacity.csv\r', data: b('x') },
          { name: '\u001b[31mred.csv', data: b('x') },
        ]),
      ),
      expect: accepted([
        { code: 'unknown_file', file: 'demand\u0007family.csv' },
        { code: 'unknown_file', file: 'capacity.csv\r' },
      ]),
    },
    // File names (folder: read by the CLI; REST: client-sent names)
    {
      name: 'unicode-lookalike-names',
      description: 'demand_fаmily.csv (Cyrillic а) and ｄemand_family.csv (full-width d)',
      bundle: only({ 'demand_f\u0430mily.csv': demand('F1,2025-01,1'), '\uff44emand_family.csv': demand('F1,2025-01,1') }),
      expect: rejected([{ code: 'empty_bundle', file: 'bundle' }], [{ code: 'unknown_file', file: 'demand_f\u0430mily.csv' }]),
      rest: rejected([{ code: 'empty_bundle', file: 'upload' }], [{ code: 'unknown_file', file: 'demand_f\u0430mily.csv' }]),
    },
    {
      name: 'control-char-file-name',
      description: 'a file named with a BEL character beside a valid bundle',
      bundle: folder({ 'notes\u0007.csv': 'x' }),
      expect: accepted([{ code: 'unknown_file', file: 'notes\u0007.csv' }]),
      rest: refused('bad_file_name', 'not allowed'),
    },
  ]
  const hostileLabels: [string, string][] = [
    ['dot-dot-slash', '../x'],
    ['slash', 'a/b'],
    ['backslash', 'a\\b'],
    ['space', 'a b'],
    ['percent-encoded-slash', 'a%2Fb'],
    ['leading-dot', '.hidden'],
    ['leading-dash', '-dash'],
    ['129-chars', `L${'x'.repeat(128)}`],
    ['nul', 'a\u0000b'],
    ['newline', 'a\nb'],
    ['unicode', 'ラベル'],
    ['empty', ''],
    ['portal-route', 'upload'],
  ]
  for (const [name, label] of hostileLabels) {
    cases.push({
      name: `label-${name}`,
      description: `label ${JSON.stringify(label)}`,
      bundle: folder({}),
      label,
      expect: label === '' ? refused('invalid', '--label is required') : refused('invalid_label', 'Invalid label'),
      ...(label === '' ? { rest: refused('invalid_label', 'Invalid label') } : {}),
      restOnly: label.includes('\u0000'),
    })
  }
  return cases
}

/** Writes each case as <dir>/<name>/{bundle/ | bundle.zip, case.json}, and <dir>/index.json. */
export function writeCorpus(dir: string, cases: CorpusCase[]): { name: string; input: string }[] {
  const written: { name: string; input: string }[] = []
  for (const c of cases) {
    const caseDir = path.join(dir, c.name)
    fs.mkdirSync(caseDir, { recursive: true })
    let input: string
    if (c.bundle.kind === 'zip') {
      input = path.join(caseDir, 'bundle.zip')
      fs.writeFileSync(input, c.bundle.data)
    } else {
      input = path.join(caseDir, 'bundle')
      fs.mkdirSync(input)
      for (const [name, data] of Object.entries(c.bundle.files)) fs.writeFileSync(path.join(input, name), data)
    }
    const { bundle: _bytes, ...about } = c
    fs.writeFileSync(path.join(caseDir, 'case.json'), `${JSON.stringify(about, null, 2)}\n`)
    written.push({ name: c.name, input })
  }
  fs.writeFileSync(
    path.join(dir, 'index.json'),
    `${JSON.stringify(
      cases.map(({ bundle: _b, ...about }) => about),
      null,
      2,
    )}\n`,
  )
  return written
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, full: { type: 'boolean' } } })
  const dir = path.resolve(values.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'input-set-corpus-')))
  const options = corpusOptions(values.full || process.env.CORPUS_FULL === '1')
  const cases = corpusCases(options)
  writeCorpus(dir, cases)
  console.log(
    `${cases.length} cases in ${dir} (long line ${options.lineBytes} bytes; run them with MAX_FILE_BYTES=${options.maxFileBytes} MAX_ROWS_PER_FILE=${options.maxRowsPerFile})`,
  )
}
