// Builds bundles for validation tests: in-memory files, folders and zips on disk, a small
// valid calendar, and the report projections tests assert on ({severity, code, file, row, column}).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import yazl from 'yazl'
import { getSql } from '../../lib/db/sql'
import { cliActor } from '../../lib/input-sets/actor'
import { bundleFromFiles, openBundle, type BundleSource } from '../../lib/input-sets/bundle/bundle-source'
import type { Issue, ValidationReport } from '../../lib/input-sets/bundle/report'
import { createConfigVersion } from '../../lib/input-sets/verbs/config-versions'
import { importBundle, type ImportOptions } from '../../lib/input-sets/verbs/import-bundle'

// One temp-folder helper for all tests (removed when the test file ends).
export { tempDir } from './fixtures'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The reference bundles (tests only; the product must not read ../shared). */
export const REFERENCE_DIR = path.resolve(repoRoot, '../shared/fixtures/reference')

export type Files = Record<string, string | Buffer>

/** CSV text from lines, `\n`-terminated. */
export const csv = (...lines: string[]): string => `${lines.join('\n')}\n`

export function memoryBundle(files: Files, name = 'upload'): BundleSource {
  return bundleFromFiles(
    name,
    Object.entries(files).map(([fileName, data]) => ({ name: fileName, data: typeof data === 'string' ? Buffer.from(data) : data })),
  )
}

export function writeFiles(dir: string, files: Files): string {
  fs.mkdirSync(dir, { recursive: true })
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data)
  return dir
}

export function readFolder(dir: string): Files {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))]))
}

export type ZipEntry = { path: string; data: string | Buffer; mode?: number }

/**
 * Writes a zip with yazl. yazl refuses unsafe names such as '../x.csv', so `rename` swaps
 * same-length placeholder names for the hostile ones in the finished bytes (local header and
 * central directory; the CRC covers data only).
 */
export async function writeZip(file: string, entries: ZipEntry[], rename: Record<string, string> = {}): Promise<string> {
  const zip = new yazl.ZipFile()
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : e.data
    zip.addBuffer(data, e.path, { mtime: new Date(Date.UTC(2025, 0, 1)), ...(e.mode !== undefined ? { mode: e.mode } : {}) })
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  let bytes = Buffer.concat(chunks)
  for (const [from, to] of Object.entries(rename)) {
    if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error(`rename ${from} → ${to}: lengths differ`)
    const a = Buffer.from(from)
    let hits = 0
    for (let i = bytes.indexOf(a); i >= 0; i = bytes.indexOf(a, i + 1)) {
      bytes.write(to, i)
      hits++
    }
    if (hits !== 2) throw new Error(`rename ${from}: expected 2 occurrences, found ${hits}`)
  }
  fs.writeFileSync(file, bytes)
  bytes = Buffer.alloc(0)
  return file
}

export const alice = cliActor('alice')

export async function ensureConfigVersion(id = 1): Promise<void> {
  const exists = await getSql().withConnection((c) => c.get('SELECT id FROM config_version WHERE id = ?', [id]))
  if (!exists) await createConfigVersion({ id, name: `config ${id}` })
}

let labelSeq = 0
/** A label no other test of the file uses, so nothing is inherited by accident. */
export const freshLabel = (prefix = 'val') => `${prefix}-${++labelSeq}`

type RunOptions = Partial<Omit<ImportOptions, 'source'>>

/** Runs importBundle on a source (closing it afterwards) and returns the report. */
export async function runImport(source: BundleSource, o: RunOptions = {}): Promise<ValidationReport> {
  await ensureConfigVersion(o.configVersionId ?? 1)
  try {
    const { report } = await importBundle({ label: freshLabel(), configVersionId: 1, actor: alice, ...o, source })
    return report
  } finally {
    source.close()
  }
}

/** Validate-only run of in-memory files. */
export const validate = (files: Files, o: RunOptions = {}) => runImport(memoryBundle(files), { validateOnly: true, ...o })

/** Validate-only run of a folder or zip on disk. */
export const validatePath = async (p: string, o: RunOptions = {}) => runImport(await openBundle(p), { validateOnly: true, ...o })

export type IssueKey = Pick<Issue, 'severity' | 'code' | 'file' | 'row' | 'column'>
export const key = (i: Issue): IssueKey => ({ severity: i.severity, code: i.code, file: i.file, row: i.row, column: i.column })
export const errorsOf = (r: ValidationReport): IssueKey[] => r.issues.filter((i) => i.severity === 'error').map(key)
export const warningsOf = (r: ValidationReport): IssueKey[] => r.issues.filter((i) => i.severity === 'warning').map(key)
export const err = (code: string, file: string, row: number | null, column: string | null): IssueKey => ({ severity: 'error', code, file, row, column })
export const warn = (code: string, file: string, row: number | null, column: string | null): IssueKey => ({ severity: 'warning', code, file, row, column })

/** Shows the whole report when an assertion on it fails. */
export const dump = (r: ValidationReport) => JSON.stringify({ ok: r.ok, files: r.files, issues: r.issues }, null, 1)

export async function countRows(sql: string, params: (string | number)[] = []): Promise<number> {
  const row = await getSql().withConnection((c) => c.get<{ n: number | string }>(sql, params))
  return Number(row?.n ?? 0)
}

/** Rows in the tables an import writes to; equal before and after means nothing was written. */
export async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of ['input_set', 'input_set_revision', 'audit_event', 'revision_section', 'section_chunk', 'demand_row', 'mix_share_row', 'calendar_period']) {
    out[t] = await countRows(`SELECT COUNT(*) AS n FROM ${t}`)
  }
  return out
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/**
 * planning_calendar.json with monthly periods ('2025-01' …), each with one week whose weight is
 * the period's day count (so weights sum correctly); `tweak` may edit the document.
 */
export function monthlyCalendar(
  months: string[],
  tweak?: (doc: { week_unit: string; periods: Record<string, unknown>[] } & Record<string, unknown>) => void,
): string {
  const doc = {
    calendar_type: 'custom',
    week_unit: 'day',
    periods: months.map((p) => {
      const [y, m] = p.split('-').map(Number)
      const days = lastDay(y, m)
      const start = `${p}-01`
      const end = `${p}-${pad(days)}`
      return { period: p, start_date: start, end_date: end, weeks: [{ week_code: `${p}-W1`, sequence: 1, start_date: start, end_date: end, weight: days }] }
    }),
  }
  tweak?.(doc)
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** A small valid bundle: two families with mix rows, Q1 2025 calendar, items, BOM, stock and a PO. */
export function validFiles(): Files {
  return {
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,100', 'F1,2025-02,120', 'F2,2025-01,80'),
    'capacity.csv': csv('workcenter,period,capacity', 'WC1,2025-01,500', 'WC1,2025-02,500'),
    'mix_share.csv': csv('family,sku,share', 'F1,SKU1,0.6', 'F1,SKU2,0.4', 'F2,SKU3,1'),
    'inventory.csv': csv('item,loc,qty', 'SKU1,WH1,50', 'COMP1,WH1,200'),
    'open_po.csv': csv('item,due,qty', 'COMP1,2025-01-10,100'),
    'period_cost.csv': csv('period,cost', '2025-01,100', '2025-02,-20'),
    'period_score.csv': csv('period,score', '2025-01,1.0', '2025-02,0.8'),
    'item.csv': csv('item,lt,lot,moq', 'SKU1,7,10,0', 'SKU2,7,10,0', 'SKU3,5,5,0', 'COMP1,14,1,0'),
    'bom.csv': csv('parent,child,qty', 'SKU1,COMP1,1', 'SKU2,COMP1,2'),
    'planning_calendar.json': monthlyCalendar(['2025-01', '2025-02', '2025-03']),
  }
}
