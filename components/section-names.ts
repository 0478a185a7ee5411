import type { SectionStem } from '@/lib/input-sets/bundle/sections'

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
