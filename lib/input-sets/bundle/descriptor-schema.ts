// Compares a resource's declared Table Schema with the section's own, as data-package.ts derives it
// from sections.ts for an export (never restated here). An error where the two would read the file
// differently; a warning where only the checks differ (docs/bundles.md, "Importing with
// datapackage.json", says why).
import { DATA_PACKAGE_FILE, tableField, tableSchema } from './data-package'
import type { DeclaredField, DeclaredSchema } from './descriptor'
import { unguardTextCell } from './csv-format'
import type { ReportBuilder } from './report'
import { fieldIndexOf, type CsvSectionDef, type FieldDef } from './sections'

type Bound = { value: number; exclusive: boolean }

export function checkDeclaredSchema(def: CsvSectionDef, resource: string, schema: DeclaredSchema, at: string, report: ReportBuilder): void {
  const say = (severity: 'error' | 'warning', code: string, where: string, message: string) =>
    report.add({ severity, code, file: DATA_PACKAGE_FILE, row: null, column: `${at}.schema${where}`, message: `Resource '${resource}': ${message}` })
  const declared = new Map<number, number>()
  schema.fields.forEach((f, j) => {
    const idx = fieldIndexOf(def, f.name)
    const where = `.fields[${j}]`
    if (idx < 0) {
      say('warning', 'schema_unknown_field', where, `field '${f.name}' is not a column of ${def.stem}; it is kept as text with each row.`)
      return
    }
    declared.set(idx, j)
    compareField(def.fields[idx], f, (severity, code, key, message) => say(severity, code, `${where}${key}`, `field '${f.name}' ${message}`))
  })
  def.fields.forEach((field, idx) => {
    if (field.required && !declared.has(idx)) say('error', 'schema_missing_field', '.fields', `the schema has no field '${field.name}', which ${def.stem} requires.`)
  })
  const columns = [...declared.keys()].map((idx) => def.fields[idx].name)
  comparePrimaryKey(def, columns, schema.primaryKey, (severity, message) => say(severity, 'schema_primary_key', '.primaryKey', message))
  const markers = (schema.missingValues ?? ['']).filter((v) => v !== '')
  if (markers.length)
    say(
      'error',
      'schema_missing_values',
      '.missingValues',
      `declares ${markers.map((m) => `'${m}'`).join(', ')} as missing; here only an empty cell is, so those would be read as values.`,
    )
}

type Say = (severity: 'error' | 'warning', code: string, key: string, message: string) => void

function compareField(ours: FieldDef, theirs: DeclaredField, say: Say): void {
  const expected = tableField(ours)
  const type = theirs.type ?? 'string'
  if (type === 'integer' && expected.type === 'number') {
    say('warning', 'schema_stronger', '.type', 'is declared integer, stronger than here: any number is accepted.')
  } else if (type !== expected.type) {
    say('error', 'schema_type', '.type', `is declared ${type}, but is read as ${expected.type} here.`)
    return
  } else if (type === 'date' && theirs.format !== undefined && theirs.format !== 'default') {
    say('error', 'schema_type', '.format', `is declared in date format '${theirs.format}'; dates are read as YYYY-MM-DD here.`)
    return
  }
  const c = theirs.constraints ?? {}
  if (ours.required && !c.required) say('warning', 'schema_weaker', '.constraints.required', 'is declared optional, weaker than here: a row without it is refused.')
  if (!ours.required && c.required)
    say('warning', 'schema_stronger', '.constraints.required', 'is declared required, stronger than here: an empty cell is accepted.')
  compareBound('lower', ours.min === undefined ? undefined : { value: ours.min, exclusive: Boolean(ours.minExclusive) }, c.minimum, c.exclusiveMinimum, say)
  compareBound('upper', ours.max === undefined ? undefined : { value: ours.max, exclusive: false }, c.maximum, c.exclusiveMaximum, say)
  const ourEnum = (expected.constraints?.enum as unknown[] | undefined)?.map(String)
  if (c.enum) {
    const theirEnum = c.enum.map(String)
    const beyond = ourEnum ? theirEnum.filter((v) => !ourEnum.includes(v)) : []
    if (beyond.length)
      say('warning', 'schema_weaker', '.constraints.enum', `is declared one of ${theirEnum.join(', ')}, weaker than here: only ${ourEnum!.join(', ')} is accepted.`)
    else if (!ourEnum || ourEnum.some((v) => !theirEnum.includes(v)))
      say(
        'warning',
        'schema_stronger',
        '.constraints.enum',
        `is declared one of ${theirEnum.join(', ')}, stronger than here: ${ourEnum ? ourEnum.join(', ') : 'any value'} is accepted.`,
      )
  } else if (ourEnum) say('warning', 'schema_weaker', '.constraints', `declares no enum, weaker than here: only ${ourEnum.join(', ')} is accepted.`)
  for (const other of ['minLength', 'maxLength', 'pattern', 'unique'])
    if (c[other] !== undefined) say('warning', 'schema_stronger', `.constraints.${other}`, `declares ${other}, which is not checked here.`)
}

/** A lower (or upper) bound: the declared one against ours, stronger (allows less) or weaker (allows more). */
function compareBound(side: 'lower' | 'upper', ours: Bound | undefined, inclusive: unknown, exclusive: unknown, say: Say): void {
  const raw = exclusive ?? inclusive
  const name = (b: Bound) => `${side === 'lower' ? '>' : '<'}${b.exclusive ? '' : '='} ${b.value}`
  if (raw === undefined) {
    if (ours) say('warning', 'schema_weaker', '.constraints', `declares no ${side} bound, weaker than here: values must be ${name(ours)}.`)
    return
  }
  const property = exclusive !== undefined ? `exclusive${side === 'lower' ? 'Minimum' : 'Maximum'}` : side === 'lower' ? 'minimum' : 'maximum'
  const where = `.constraints.${property}`
  if (typeof raw !== 'number') {
    say('warning', 'schema_stronger', where, `declares a ${side} bound ${JSON.stringify(raw)}, which is not checked here.`)
    return
  }
  const theirs = { value: raw, exclusive: exclusive !== undefined }
  const cmp = compareBounds(side, theirs, ours)
  if (cmp > 0)
    say('warning', 'schema_stronger', where, `must be ${name(theirs)}, stronger than here: ${ours ? `values ${name(ours)} are accepted` : 'any value is accepted'}.`)
  if (cmp < 0) say('warning', 'schema_weaker', where, `must be ${name(theirs)}, weaker than here: values must be ${name(ours!)}.`)
}

/** > 0 when `a` allows fewer values than `b` (a missing bound allows all), < 0 when more, 0 when the same. */
function compareBounds(side: 'lower' | 'upper', a: Bound, b: Bound | undefined): number {
  if (!b) return 1
  const sign = side === 'lower' ? 1 : -1
  if (a.value !== b.value) return sign * (a.value - b.value)
  return Number(a.exclusive) - Number(b.exclusive)
}

/**
 * Our primary key for the declared columns is the one an export declares (tableSchema): the
 * section's key, or none for open_po with po_id, whose rows are keyed by po_id where they have one.
 */
function comparePrimaryKey(
  def: CsvSectionDef,
  columns: string[],
  primaryKey: string | string[] | undefined,
  say: (s: 'error' | 'warning', m: string) => void,
): void {
  const ours = tableSchema(def, columns, new Set()).primaryKey
  const theirs = primaryKey === undefined ? undefined : (typeof primaryKey === 'string' ? [primaryKey] : primaryKey).map((n) => canonical(def, n))
  const shown = (key: string[]) => `(${key.join(', ')})`
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((n) => b.includes(n))
  if (!theirs) {
    if (ours) say('warning', `declares no primary key; rows are unique on ${shown(ours)} here, and a duplicate is refused.`)
    return
  }
  // With po_id, rows are unique on po_id where they have one, else on item and due: either is ours.
  const accepted = ours ? [ours] : [['po_id'], [...def.key]]
  if (!accepted.some((k) => same(k, theirs))) say('error', `declares the primary key ${shown(theirs)}; rows are unique on ${accepted.map(shown).join(' or ')} here.`)
}

const canonical = (def: CsvSectionDef, name: string) => {
  const idx = fieldIndexOf(def, name)
  return idx < 0 ? name : def.fields[idx].name
}

/**
 * A header row that differs from the columns its schema declares: columns are read by their header
 * names here, but a reader that goes by the schema's order would take them for others.
 */
export function compareHeader(def: CsvSectionDef, file: string, header: string[], declared: string[], report: ReportBuilder): void {
  const canonical = (name: string) => {
    const idx = fieldIndexOf(def, unguardTextCell(name.trim()).trim())
    return idx < 0 ? name.trim() : def.fields[idx].name
  }
  const col = header.findIndex((name, i) => i >= declared.length || canonical(name) !== canonical(declared[i]))
  const at = col >= 0 ? col : header.length < declared.length ? header.length : -1
  if (at < 0) return
  const found = at < header.length ? `is '${header[at].trim()}'` : 'is missing'
  const expected = at < declared.length ? `declares '${declared[at]}'` : 'declares no column'
  report.warning(
    'header_mismatch',
    file,
    1,
    at < header.length ? header[at].trim() : null,
    `Column ${at + 1} of the header ${found} where ${DATA_PACKAGE_FILE}'s schema ${expected}; columns are read by their header names.`,
  )
}
