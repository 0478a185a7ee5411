// What planners call each section, the one map every portal page uses instead of the stems
// (`demand_family`) that name files, API fields and CLI output. No database: components use it.
import { CSV_SECTIONS, CSV_STEMS, SECTION_STEMS, type CsvStem, type SectionStem } from './bundle/sections'

/** What planners call each section; the file name is shown beside it. */
export const SECTION_TITLES: Record<SectionStem, string> = {
  demand_family: 'Demand by family',
  capacity: 'Capacity',
  mix_share: 'Mix share',
  inventory: 'Inventory',
  open_po: 'Open POs',
  period_cost: 'Period cost',
  period_score: 'Period score',
  item: 'Items',
  bom: 'Bill of materials',
  planning_calendar: 'Calendar',
  planning_params: 'Parameters',
}

/** The title of a section stem; anything else (an unknown file, the zip) is shown as it is. */
export function sectionTitle(stem: string): string {
  return (SECTION_STEMS as readonly string[]).includes(stem) ? SECTION_TITLES[stem as SectionStem] : stem
}

/** The file a section is uploaded as (`demand_family.csv`, `planning_calendar.json`), shown beside its title. */
export function sectionFile(stem: SectionStem): string {
  return (CSV_STEMS as readonly string[]).includes(stem) ? CSV_SECTIONS[stem as CsvStem].file : `${stem}.json`
}
