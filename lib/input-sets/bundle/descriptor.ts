// Reads a bundle's datapackage.json (a Frictionless data package, as every export writes it:
// data-package.ts) for what an import needs from it: which file holds which section, and how each
// CSV is written (dialect, encoding). Its Table Schemas are compared with ours in
// descriptor-schema.ts. docs/bundles.md, "datapackage.json", says what is honoured and refused.
import { z } from 'zod'
import type { ReportBuilder } from './report'
import { DATA_PACKAGE_FILE } from './data-package'
import { declaredIntegrity, type DeclaredIntegrity } from './declared-integrity'

const oneChar = z.string().length(1)

// Unknown keys are allowed everywhere: Frictionless descriptors carry their own (title,
// planning_hub …), and nothing an import does depends on them. A resource's `bytes` and `hash`
// are checked against its file while it is read (declared-integrity.ts).
const dialectSchema = z.looseObject({
  delimiter: oneChar.optional(),
  quoteChar: oneChar.optional(),
  doubleQuote: z.boolean().optional(),
  escapeChar: oneChar.optional(),
  header: z.boolean().optional(),
  lineTerminator: z.string().optional(),
  skipInitialSpace: z.boolean().optional(),
  commentChar: oneChar.optional(),
  nullSequence: z.string().optional(),
  caseSensitiveHeader: z.boolean().optional(),
})

const bound = z.union([z.number(), z.string()])
const fieldSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().optional(),
  format: z.string().optional(),
  constraints: z
    .looseObject({
      required: z.boolean().optional(),
      minimum: bound.optional(),
      exclusiveMinimum: bound.optional(),
      maximum: bound.optional(),
      exclusiveMaximum: bound.optional(),
      enum: z.array(z.unknown()).optional(),
    })
    .optional(),
})

const tableSchemaSchema = z.looseObject({
  fields: z.array(fieldSchema),
  primaryKey: z.union([z.string(), z.array(z.string())]).optional(),
  missingValues: z.array(z.string()).optional(),
})

const resourceSchema = z.looseObject({
  name: z.string().min(1),
  path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  data: z.unknown().optional(),
  format: z.string().optional(),
  encoding: z.string().optional(),
  // Written inline: a dialect or schema referenced by a path or URL is not fetched.
  dialect: dialectSchema.optional(),
  schema: tableSchemaSchema.optional(),
})

const descriptorSchema = z.looseObject({ resources: z.array(resourceSchema).min(1) })

export type DeclaredField = z.infer<typeof fieldSchema>
export type DeclaredSchema = z.infer<typeof tableSchemaSchema>
export type DeclaredResource = z.infer<typeof resourceSchema>
export type Descriptor = z.infer<typeof descriptorSchema>

/** A JSON path for issues: ['resources', 0, 'dialect'] → 'resources[0].dialect'. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('')
}

/** The descriptor's shape checked; every way it is wrong is reported at its JSON path. */
export function parseDescriptor(doc: unknown, report: ReportBuilder): Descriptor | undefined {
  const parsed = descriptorSchema.safeParse(doc)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) {
    const at = jsonPath(issue.path) || '(top level)'
    report.error('bad_descriptor', DATA_PACKAGE_FILE, null, at, `${DATA_PACKAGE_FILE} at ${at}: ${issue.message}.`)
  }
  return undefined
}

/**
 * How a CSV is written, in csv-parse's terms, and what the descriptor says it holds: `columns`
 * replaces the header row of a file without one; `declared` is the schema's column order,
 * compared with a header row's.
 */
export type CsvDialect = {
  delimiter: string
  quote: string
  escape: string | null
  comment?: string
  columns?: string[]
  declared?: string[]
  /** The file's declared size and hash, checked as it is read. */
  integrity?: DeclaredIntegrity
}

// Rows may end in any of these, mixed (docs/bundles.md, "Import rules"), so a declared one of them is read as it is.
const LINE_TERMINATORS = ['\r\n', '\n', '\r']
const ENCODINGS = ['utf-8', 'utf8']

/**
 * The resource's dialect and encoding as the CSV reader takes them; undefined (after reporting
 * why) when the file cannot be read as declared.
 */
export function csvDialect(resource: DeclaredResource, at: string, report: ReportBuilder): CsvDialect | undefined {
  const refuse = (where: string, message: string) => {
    report.error('unsupported_dialect', DATA_PACKAGE_FILE, null, `${at}.${where}`, `Resource '${resource.name}': ${message}`)
    return undefined
  }
  if (resource.format !== undefined && resource.format.toLowerCase() !== 'csv')
    return refuse('format', `format '${resource.format}' cannot be read; sections are CSV files.`)
  if (resource.encoding !== undefined && !ENCODINGS.includes(resource.encoding.toLowerCase()))
    return refuse('encoding', `encoding '${resource.encoding}' is not supported; save the file as UTF-8 and declare "encoding": "utf-8".`)
  const d = resource.dialect ?? {}
  const delimiter = d.delimiter ?? ','
  const quote = d.quoteChar ?? '"'
  if (d.lineTerminator !== undefined && !LINE_TERMINATORS.includes(d.lineTerminator))
    return refuse('dialect.lineTerminator', `lineTerminator ${JSON.stringify(d.lineTerminator)} is not supported; rows end in CRLF, LF or CR.`)
  if (delimiter === quote || /[\r\n]/.test(delimiter + quote))
    return refuse('dialect.delimiter', 'the delimiter and quoteChar must be two different characters, neither a line break.')
  if (d.doubleQuote !== false && d.escapeChar !== undefined)
    return refuse('dialect.escapeChar', 'escapeChar needs "doubleQuote": false (a quote is escaped either by doubling it or by the escape character).')
  if (d.nullSequence !== undefined && d.nullSequence !== '')
    return refuse('dialect.nullSequence', `nullSequence ${JSON.stringify(d.nullSequence)} is not supported; only an empty cell is missing.`)
  const dialect: CsvDialect = { delimiter, quote, escape: d.doubleQuote === false ? (d.escapeChar ?? null) : quote }
  if (d.commentChar !== undefined) dialect.comment = d.commentChar
  if (d.header === false) {
    if (!resource.schema) return refuse('dialect.header', '"header": false needs the resource\'s schema to list its columns in order.')
    dialect.columns = resource.schema.fields.map((f) => f.name)
  } else if (resource.schema) dialect.declared = resource.schema.fields.map((f) => f.name)
  const integrity = declaredIntegrity(resource, at, report)
  if (integrity) dialect.integrity = integrity
  return dialect
}

/**
 * The resource's file path, if it stays inside the bundle: no absolute paths, drive letters,
 * backslashes, `..`, or URLs (a bundle is read from its own files only).
 */
export function resourcePath(resource: DeclaredResource, at: string, report: ReportBuilder): string | undefined {
  const refuse = (message: string) => {
    report.error('resource_path_refused', DATA_PACKAGE_FILE, null, `${at}.path`, `Resource '${resource.name}': ${message}`)
    return undefined
  }
  if (resource.path === undefined) {
    return refuse(resource.data !== undefined ? 'inline data is not supported; put the rows in a CSV file and name it in "path".' : 'it has no "path".')
  }
  const paths = typeof resource.path === 'string' ? [resource.path] : resource.path
  if (paths.length > 1) return refuse('a resource split over several files is not supported; name one file.')
  const p = paths[0]
  if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return refuse(`path '${p}' is a URL or a drive; only files inside the bundle are read.`)
  if (p.startsWith('/') || p.includes('\\') || p.split('/').some((part) => part === '..' || part === '.' || part === ''))
    return refuse(`path '${p}' points outside the bundle; name a file inside it, relative to datapackage.json (like data/demand.csv).`)
  return p
}
