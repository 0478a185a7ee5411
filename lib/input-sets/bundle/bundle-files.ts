// Sorts a bundle's entries into sections and reads its small JSON files.
import { Readable } from 'node:stream'
import { unreadableMessage, type BundleEntry, type BundleSource } from './bundle-source'
import { CALENDAR_FILE, readCalendar, type Calendar } from './calendar'
import { inexactJsonNumbers } from './json-numbers'
import { parseJsonText } from './json-value'
import { PARAMS_FILE, readMeta, readParams, type Meta, type Params } from './params'
import type { ReportBuilder } from './report'
import { DATA_PACKAGE_FILE } from './data-package'
import type { CsvDialect } from './descriptor'
import { fileNameToStem, type CsvStem, type SectionStem } from './sections'

export type ClassifiedBundle = {
  csv: Map<CsvStem, BundleEntry>
  /** How a CSV is written, where datapackage.json declares it; others are read as docs/bundles.md describes. */
  dialects: Map<CsvStem, CsvDialect>
  calendar?: BundleEntry
  params?: BundleEntry
  meta?: BundleEntry
  /** datapackage.json is there but cannot be used: its CSVs are not read (the import fails on its issues). */
  descriptorUnusable?: boolean
}

/** What datapackage.json already placed: sections with the path they are read from, and the paths it names. */
export type Described = { csv: Map<CsvStem, { entry: BundleEntry; dialect: CsvDialect; resource: string }>; paths: Set<string> }

/**
 * Sorts the bundle's top-level files into sections by their names. With a descriptor, the files
 * it named are taken already; a CSV section it does not describe is still read by its name.
 */
export function classifyEntries(source: BundleSource, report: ReportBuilder, described?: Described): ClassifiedBundle {
  const claimed = (within: string) => [...(described?.paths ?? [])].some((p) => p === within || (within.endsWith('/') && p.startsWith(within)))
  for (const p of source.problems) {
    if (p.within && claimed(p.within)) continue
    if (p.code === 'unknown_file') report.warning(p.code, p.file, null, null, p.message)
    else report.error(p.code, p.file, null, null, p.message)
  }
  const result: ClassifiedBundle = { csv: new Map(), dialects: new Map() }
  const taken = new Map<string, string>()
  for (const [stem, d] of described?.csv ?? []) {
    result.csv.set(stem, d.entry)
    result.dialects.set(stem, d.dialect)
    taken.set(stem, `'${d.entry.name}' (resource '${d.resource}' in ${DATA_PACKAGE_FILE})`)
  }
  for (const entry of source.entries) {
    const stem = fileNameToStem(entry.name)
    // The descriptor itself is not data and is not part of the content hash.
    if (entry.name.toLowerCase() === DATA_PACKAGE_FILE || described?.paths.has(entry.name)) continue
    if (!stem) {
      report.warning('unknown_file', entry.name, null, null, `Unknown file '${entry.name}' was not read.`)
      continue
    }
    const earlier = taken.get(stem)
    if (earlier) {
      report.error('duplicate_file', entry.name, null, null, `'${entry.name}' and ${earlier} are the same section; keep one.`)
      continue
    }
    taken.set(stem, `'${entry.name}'`)
    if (stem === 'meta') result.meta = entry
    else if (stem === 'planning_calendar') result.calendar = entry
    else if (stem === 'planning_params') result.params = entry
    else {
      if (described)
        report.warning(
          'not_in_descriptor',
          entry.name,
          null,
          null,
          `'${entry.name}' is not described in ${DATA_PACKAGE_FILE}; it was read by its name, as a comma-separated UTF-8 file with a header row.`,
        )
      result.csv.set(stem, entry)
    }
  }
  return result
}

export type JsonSections = { calendar?: Calendar; params?: Params; meta?: Meta; present: Set<SectionStem> }

export const MAX_JSON_BYTES = 64 * 1024 * 1024
const MAX_JSON_DEPTH = 64

export async function readJsonSections(bundle: ClassifiedBundle, label: string, report: ReportBuilder, maxFileBytes: number): Promise<JsonSections> {
  const out: JsonSections = { present: new Set(bundle.csv.keys()) }
  const limit = Math.min(maxFileBytes, MAX_JSON_BYTES)
  if (bundle.calendar) {
    out.present.add('planning_calendar')
    const doc = await readJsonEntry(bundle.calendar, limit, report)
    if (doc !== undefined) {
      out.calendar = readCalendar(doc, report)
      const nested = (doc as Record<string, unknown> | null)?.planning_params
      if (nested !== undefined && !bundle.params) {
        out.present.add('planning_params')
        out.params = readParams(nested, CALENDAR_FILE, 'planning_params.', report)
      } else if (nested !== undefined) {
        report.warning(
          'params_overridden',
          CALENDAR_FILE,
          null,
          'planning_params',
          `Both ${PARAMS_FILE} and planning_params inside ${CALENDAR_FILE} set parameters: the values in ${PARAMS_FILE} win, and the calendar's copy is ignored (not stored).`,
        )
      }
    }
  }
  if (bundle.params) {
    out.present.add('planning_params')
    const doc = await readJsonEntry(bundle.params, limit, report)
    if (doc !== undefined) out.params = readParams(doc, PARAMS_FILE, '', report)
  }
  if (bundle.meta) {
    const doc = await readJsonEntry(bundle.meta, limit, report)
    if (doc !== undefined) out.meta = readMeta(doc, bundle.meta.name, label, report)
  }
  return out
}

export async function readJsonEntry(entry: BundleEntry, limit: number, report: ReportBuilder): Promise<unknown> {
  if (entry.size > limit) {
    report.error('file_too_large', entry.name, null, null, `${entry.name} is ${entry.size} bytes; the limit for JSON files is ${limit}.`)
    return undefined
  }
  let bytes: Buffer | undefined
  try {
    bytes = await readAll(await entry.open(), limit)
  } catch (err) {
    report.error('unreadable_file', entry.name, null, null, unreadableMessage(entry.name, err))
    return undefined
  }
  if (!bytes) {
    report.error('file_too_large', entry.name, null, null, `${entry.name} is larger than the limit for JSON files (${limit} bytes).`)
    return undefined
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    report.error('bad_encoding', entry.name, null, null, `${entry.name} is not valid UTF-8.`)
    return undefined
  }
  const parsed = parseJsonText(text)
  if (!parsed.ok) {
    report.error('bad_json', entry.name, parsed.line, null, `${entry.name} is not valid JSON: ${parsed.message}`)
    return undefined
  }
  const problem = unstorable(parsed.value)
  if (problem) {
    report.error('bad_json', entry.name, null, null, `${entry.name} ${problem}.`)
    return undefined
  }
  const inexact = inexactJsonNumbers(text)
  for (const p of inexact) report.error(p.code, entry.name, p.line, null, `${entry.name} line ${p.line}: ${p.message}.`)
  if (inexact.length) return undefined
  return parsed.value
}

/**
 * What makes a parsed document unfit to keep: nesting deeper than MAX_JSON_DEPTH (walking it
 * recursively, as hashing and storing do, would overflow the stack) or a NUL character in a
 * string or key (PostgreSQL cannot store it).
 */
function unstorable(value: unknown): string | undefined {
  const pending: [unknown, number][] = [[value, 1]]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, depth] = next
    if (typeof v === 'string' && v.includes('\u0000')) return 'contains a NUL character (\\u0000)'
    if (v === null || typeof v !== 'object') continue
    if (depth > MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`
    for (const [key, child] of Object.entries(v)) {
      if (key.includes('\u0000')) return 'contains a NUL character (\\u0000)'
      pending.push([child, depth + 1])
    }
  }
  return undefined
}

async function readAll(stream: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += (chunk as Buffer).length
    if (size > limit) {
      stream.destroy()
      return undefined
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
