// The Frictionless Data Package descriptor (datapackage.json, profile tabular-data-package) that
// every export carries: one resource per CSV with its Table Schema, all derived from the section
// definitions in sections.ts, the same table the importer parses and checks with, so the declared
// types and constraints are the ones an import enforces (docs/bundles.md, "datapackage.json").
import { CSV_SECTIONS, type CsvSectionDef, type CsvStem, type FieldDef } from './sections'
import { RESOURCE_TYPES } from './csv-cells'

export const DATA_PACKAGE_FILE = 'datapackage.json'

type TableField = { name: string; type: string; format?: string; constraints?: Record<string, unknown>; description?: string }
type ForeignKey = { fields: string[]; reference: { resource: string; fields: string[] } }
export type TableSchema = { fields: TableField[]; primaryKey?: string[]; foreignKeys?: ForeignKey[]; missingValues: string[] }

/** References between sections: a mix row's family is a demand family; a BOM's parent and child are items. */
const FOREIGN_KEYS: Partial<Record<CsvStem, { field: string; resource: CsvStem; referenced: string }[]>> = {
  mix_share: [{ field: 'family', resource: 'demand_family', referenced: 'family' }],
  bom: [
    { field: 'parent', resource: 'item', referenced: 'item' },
    { field: 'child', resource: 'item', referenced: 'item' },
  ],
}

/** One field's Table Schema: type and constraints from the same definition the importer checks with. */
export function tableField(field: FieldDef): TableField {
  const constraints: Record<string, unknown> = {}
  if (field.required) constraints.required = true
  if (field.min !== undefined) constraints[field.minExclusive ? 'exclusiveMinimum' : 'minimum'] = field.min
  if (field.max !== undefined) constraints.maximum = field.max
  if (field.type === 'resource_type') constraints.enum = [...RESOURCE_TYPES]
  const type = { string: 'string', resource_type: 'string', number: 'number', int: 'integer', date: 'date', due: 'string' }[field.type]
  const described =
    field.type === 'due'
      ? { description: 'A date (YYYY-MM-DD) or a calendar period.' }
      : field.default !== undefined
        ? { description: `Empty means ${field.default}.` }
        : {}
  return { name: field.name, type, ...(Object.keys(constraints).length ? { constraints } : {}), ...described }
}

/**
 * The Table Schema of a CSV as exported: its columns in file order (the section's fields that were
 * written, then any extra columns the upload carried, kept as text).
 */
export function tableSchema(def: CsvSectionDef, columns: string[], present: ReadonlySet<string>): TableSchema {
  const fields = columns.map((name) => {
    const known = def.fields.find((f) => f.name === name)
    return known ? tableField(known) : { name, type: 'string', description: 'A column the upload carried beyond the section’s own; kept as text.' }
  })
  // An open PO is keyed by po_id where it has one, else by item and due: no single primary key then.
  const keyed = def.stem !== 'open_po' || !columns.includes('po_id')
  const foreignKeys = (FOREIGN_KEYS[def.stem] ?? [])
    .filter((fk) => present.has(fk.resource))
    .map((fk) => ({ fields: [fk.field], reference: { resource: fk.resource, fields: [fk.referenced] } }))
  return {
    fields,
    ...(keyed ? { primaryKey: [...def.key] } : {}),
    ...(foreignKeys.length ? { foreignKeys } : {}),
    // Only an empty cell is missing: no text such as "NA" stands for one.
    missingValues: [''],
  }
}

export type PackagedFile = { name: string; bytes: number; sha256: string; columns?: string[]; stem?: CsvStem; rows: number }

export type PackageInfo = {
  label: string
  revision: number
  status: string
  contentHash: string
  approvedBy: string | null
  approvedAt: string | null
  configVersionId: number
}

/** A package name allows lower-case letters, digits and . _ - only. */
const packageName = (label: string) => label.toLowerCase().replace(/[^a-z0-9._-]/g, '-')

export function dataPackageDescriptor(info: PackageInfo, files: PackagedFile[]): Record<string, unknown> {
  const csvFiles = files.filter((f) => f.stem)
  const present = new Set(csvFiles.map((f) => f.stem!))
  return {
    profile: 'tabular-data-package',
    name: packageName(info.label),
    title: `${info.label}@${info.revision}`,
    version: String(info.revision),
    planning_hub: {
      label: info.label,
      revision: info.revision,
      status: info.status,
      content_hash: info.contentHash,
      config_version_id: info.configVersionId,
      approved_by: info.approvedBy,
      approved_at: info.approvedAt,
      // Every file of the export (JSON sections too, which are not tables) with its SHA-256.
      files: files.map((f) => ({ path: f.name, bytes: f.bytes, hash: `sha256:${f.sha256}` })),
    },
    resources: csvFiles.map((f) => ({
      profile: 'tabular-data-resource',
      name: f.stem,
      path: f.name,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      bytes: f.bytes,
      hash: `sha256:${f.sha256}`,
      dialect: { delimiter: ',', doubleQuote: true, header: true, lineTerminator: '\n', quoteChar: '"' },
      schema: tableSchema(CSV_SECTIONS[f.stem!], f.columns ?? [], present),
    })),
  }
}
