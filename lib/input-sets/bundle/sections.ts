// The bundle's CSV sections: file names, columns (with the older system's aliases),
// value rules, unique keys and where rows are stored. One table drives parsing,
// validation, hashing, storage and export, so they cannot drift apart. Its table and column
// names are checked against the schema's generated types when the code is type-checked; the
// storage types and nullability by store/sections-schema.test.ts on both databases.
import type { DB } from '../../db/generated/kysely/types'

export type FieldType = 'string' | 'number' | 'int' | 'date' | 'due' | 'resource_type'

export type FieldDef = {
  name: string
  column: string
  type: FieldType
  required?: boolean
  aliases?: string[]
  /** Inclusive lower bound unless minExclusive. */
  min?: number
  minExclusive?: boolean
  max?: number
  /** Documented default when the column is absent or the cell is empty. */
  default?: string | number
}

/**
 * The tables that store the CSV sections' rows, one per section (prisma/models/sections.prisma),
 * named by the schema's generated types: a table renamed in the schema fails type-checking here.
 */
export type CsvTable = Extract<keyof DB, `${string}_row`>

/** A column of `T` that holds a field's value (not the row id, its revision or its extra columns). */
export type StoredColumn<T extends CsvTable> = Exclude<keyof DB[T] & string, 'id' | 'revision_id' | 'extra_json'>

export type CsvSectionDef = {
  stem: CsvStem
  file: string
  table: CsvTable
  fields: FieldDef[]
  /** Field names forming the unique key; open_po's key depends on the row (see rowKey). */
  key: string[]
}

export const CSV_STEMS = ['demand_family', 'capacity', 'mix_share', 'inventory', 'open_po', 'period_cost', 'period_score', 'item', 'bom'] as const
export type CsvStem = (typeof CSV_STEMS)[number]

/** Every data section in content-hash order: the CSVs, then calendar and params. */
export const SECTION_STEMS = [...CSV_STEMS, 'planning_calendar', 'planning_params'] as const
export type SectionStem = (typeof SECTION_STEMS)[number]

const nonNegative = { min: 0 }

/** A section whose every field's column must exist in its table (checked by the compiler). */
function section<T extends CsvTable>(
  def: Omit<CsvSectionDef, 'table' | 'fields'> & { table: T; fields: (FieldDef & { column: StoredColumn<T> })[] },
): CsvSectionDef {
  return def
}

export const CSV_SECTIONS: Record<CsvStem, CsvSectionDef> = {
  demand_family: section({
    stem: 'demand_family',
    file: 'demand_family.csv',
    table: 'demand_row',
    key: ['family', 'period'],
    fields: [
      { name: 'family', column: 'family', type: 'string', required: true, aliases: ['family_code'] },
      { name: 'period', column: 'period', type: 'string', required: true },
      { name: 'demand', column: 'demand', type: 'number', required: true, ...nonNegative },
    ],
  }),
  capacity: section({
    stem: 'capacity',
    file: 'capacity.csv',
    table: 'capacity_row',
    key: ['workcenter', 'period'],
    fields: [
      { name: 'workcenter', column: 'workcenter', type: 'string', required: true, aliases: ['resource_code'] },
      { name: 'period', column: 'period', type: 'string', required: true },
      { name: 'capacity', column: 'capacity', type: 'number', required: true, ...nonNegative },
      { name: 'resource_type', column: 'resource_type', type: 'resource_type', default: 'workcenter' },
    ],
  }),
  mix_share: section({
    stem: 'mix_share',
    file: 'mix_share.csv',
    table: 'mix_share_row',
    key: ['family', 'sku', 'effective_from'],
    fields: [
      { name: 'family', column: 'family', type: 'string', required: true, aliases: ['family_code'] },
      { name: 'sku', column: 'sku', type: 'string', required: true, aliases: ['sku_code'] },
      { name: 'share', column: 'share', type: 'number', required: true, min: 0, max: 1 },
      { name: 'effective_from', column: 'effective_from', type: 'date' },
      { name: 'effective_to', column: 'effective_to', type: 'date' },
    ],
  }),
  inventory: section({
    stem: 'inventory',
    file: 'inventory.csv',
    table: 'inventory_row',
    key: ['item', 'loc'],
    fields: [
      { name: 'item', column: 'item', type: 'string', required: true, aliases: ['item_code'] },
      { name: 'loc', column: 'loc', type: 'string', required: true, aliases: ['node_code'] },
      { name: 'qty', column: 'qty', type: 'number', required: true, aliases: ['initial_qty'], ...nonNegative },
      { name: 'safety_stock', column: 'safety_stock', type: 'number', ...nonNegative },
      { name: 'reorder_point', column: 'reorder_point', type: 'number', ...nonNegative },
      { name: 'order_up_to', column: 'order_up_to', type: 'number', ...nonNegative },
    ],
  }),
  open_po: section({
    stem: 'open_po',
    file: 'open_po.csv',
    table: 'open_po_row',
    key: ['item', 'due'],
    fields: [
      { name: 'item', column: 'item', type: 'string', required: true, aliases: ['item_code'] },
      { name: 'due', column: 'due', type: 'due', required: true, aliases: ['due_date'] },
      { name: 'qty', column: 'qty', type: 'number', required: true, ...nonNegative },
      { name: 'po_id', column: 'po_id', type: 'string' },
      { name: 'source_node', column: 'source_node', type: 'string' },
      { name: 'dest_node', column: 'dest_node', type: 'string' },
    ],
  }),
  period_cost: section({
    stem: 'period_cost',
    file: 'period_cost.csv',
    table: 'period_cost_row',
    key: ['period'],
    fields: [
      { name: 'period', column: 'period', type: 'string', required: true },
      { name: 'cost', column: 'cost', type: 'number', required: true },
    ],
  }),
  period_score: section({
    stem: 'period_score',
    file: 'period_score.csv',
    table: 'period_score_row',
    key: ['period'],
    fields: [
      { name: 'period', column: 'period', type: 'string', required: true },
      { name: 'score', column: 'score', type: 'number', required: true },
    ],
  }),
  item: section({
    stem: 'item',
    file: 'item.csv',
    table: 'item_row',
    key: ['item'],
    fields: [
      { name: 'item', column: 'item', type: 'string', required: true, aliases: ['item_code'] },
      { name: 'lt', column: 'lt', type: 'int', min: 0 },
      { name: 'lot', column: 'lot', type: 'number', min: 0, minExclusive: true, default: 1 },
      { name: 'moq', column: 'moq', type: 'number', min: 0, default: 0 },
    ],
  }),
  bom: section({
    stem: 'bom',
    file: 'bom.csv',
    table: 'bom_row',
    key: ['parent', 'child'],
    fields: [
      { name: 'parent', column: 'parent', type: 'string', required: true },
      { name: 'child', column: 'child', type: 'string', required: true },
      { name: 'qty', column: 'qty', type: 'number', required: true, min: 0, minExclusive: true },
    ],
  }),
}

/** The fields that form a row's unique key; open_po is keyed by po_id when a row has one. */
export function keyFields(def: CsvSectionDef, values: readonly unknown[]): string[] {
  if (def.stem === 'open_po') {
    const poId = values[def.fields.findIndex((f) => f.name === 'po_id')]
    if (poId !== null && poId !== undefined) return ['po_id']
  }
  return def.key
}

/** The position of the field a column name stands for (its name or an alias, in any case); -1 for none. */
export function fieldIndexOf(def: CsvSectionDef, columnName: string): number {
  const lower = columnName.toLowerCase()
  return def.fields.findIndex((f) => f.name === lower || f.aliases?.includes(lower))
}

export function fileNameToStem(name: string): SectionStem | 'meta' | undefined {
  const lower = name.toLowerCase()
  for (const stem of CSV_STEMS) if (CSV_SECTIONS[stem].file === lower) return stem
  if (lower === 'planning_calendar.json') return 'planning_calendar'
  if (lower === 'planning_params.json') return 'planning_params'
  if (lower === 'meta.json' || lower === 'input_set_meta.json') return 'meta'
  return undefined
}
