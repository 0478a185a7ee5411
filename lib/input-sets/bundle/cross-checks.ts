// Checks that relate sections to each other (docs/bundles.md, "Warnings across sections"):
// periods outside the calendar, open POs past the horizon, items missing from item.csv, mix shares
// not summing to 1, demand families without mix rows. Each distinct offender is reported once, at
// its first row.
import type { ParsedRow } from './csv-section'
import { CALENDAR_FILE } from './calendar'
import type { ReportBuilder, Severity } from './report'
import { CSV_SECTIONS, type CsvStem } from './sections'
import { isIsoDate } from './values'

export type CheckContext = {
  calendar?: { periods: ReadonlySet<string>; horizonEnd: string | null }
  /** Neither uploaded nor inherited: the set has no calendar at all (a new label without one). */
  noCalendar?: boolean
  /** planning_params.mix_share_sum_severity (params.ts): whether a mix sum off 1 blocks the import. */
  mixShareSumSeverity?: Severity
  items?: ReadonlySet<string>
  /** Families with mix rows when mix_share is inherited rather than uploaded. */
  inheritedMixFamilies?: ReadonlySet<string>
  tolerance: { abs: number; rel: number }
}

export class CrossChecks {
  private demandFamilies = new Map<string, number>()
  private mixSums = new Map<string, { family: string; from: string | null; sum: number; line: number }>()
  private mixFamilies = new Set<string>()
  private mixUploaded = false
  private mixIncomplete = false
  private reported = new Set<string>()

  constructor(
    private report: ReportBuilder,
    private ctx: CheckContext,
  ) {}

  /** The per-row check for one CSV section, or undefined when it has none. */
  inspector(stem: CsvStem): ((row: ParsedRow) => void) | undefined {
    const file = CSV_SECTIONS[stem].file
    const col = (name: string) => CSV_SECTIONS[stem].fields.findIndex((f) => f.name === name)
    switch (stem) {
      case 'demand_family': {
        const [fam, per] = [col('family'), col('period')]
        return (row) => {
          const family = row.values[fam] as string
          if (!this.demandFamilies.has(family)) this.demandFamilies.set(family, row.line)
          this.checkPeriod(file, row, row.values[per] as string)
        }
      }
      case 'capacity':
      case 'period_cost':
      case 'period_score': {
        const per = col('period')
        return (row) => this.checkPeriod(file, row, row.values[per] as string)
      }
      case 'mix_share':
        return this.mixInspector()
      case 'open_po': {
        const due = col('due')
        return (row) => this.checkDue(file, row, row.values[due] as string)
      }
      case 'inventory':
        return (row) => this.checkItem(file, row, 'item', row.values[col('item')] as string)
      case 'bom':
        return (row) => {
          this.checkItem(file, row, 'parent', row.values[col('parent')] as string)
          this.checkItem(file, row, 'child', row.values[col('child')] as string)
        }
      default:
        return undefined
    }
  }

  private mixInspector() {
    this.mixUploaded = true
    const [fam, share, from] = ['family', 'share', 'effective_from'].map((n) => CSV_SECTIONS.mix_share.fields.findIndex((f) => f.name === n))
    return (row: ParsedRow) => {
      const family = row.values[fam] as string
      const since = row.values[from] as string | null
      this.mixFamilies.add(family)
      const key = `${family}\u0000${since ?? ''}`
      const entry = this.mixSums.get(key) ?? { family, from: since, sum: 0, line: row.line }
      entry.sum += row.values[share] as number
      this.mixSums.set(key, entry)
    }
  }

  private once(key: string): boolean {
    if (this.reported.has(key)) return false
    this.reported.add(key)
    return true
  }

  private checkPeriod(file: string, row: ParsedRow, period: string): void {
    const cal = this.ctx.calendar
    if (!cal || cal.periods.has(period) || !this.once(`${file}\u0000period\u0000${period}`)) return
    this.report.warning('period_not_in_calendar', file, row.line, 'period', `Period '${period}' is not in the planning calendar.`)
  }

  private checkDue(file: string, row: ParsedRow, due: string): void {
    const cal = this.ctx.calendar
    if (!cal) return
    const late = isIsoDate(due) ? cal.horizonEnd !== null && due > cal.horizonEnd : !cal.periods.has(due)
    if (late) {
      this.report.warning('po_after_horizon', file, row.line, 'due', `Due '${due}' is after the calendar horizon${cal.horizonEnd ? ` (${cal.horizonEnd})` : ''}.`)
    }
  }

  private checkItem(file: string, row: ParsedRow, column: string, item: string): void {
    const items = this.ctx.items
    if (!items || items.has(item) || !this.once(`${file}\u0000item\u0000${item}`)) return
    this.report.warning('item_not_in_item_csv', file, row.line, column, `Item '${item}' is not in item.csv.`)
  }

  /** A section whose file was not read to its end (the import fails anyway): its whole-section checks are skipped. */
  incomplete(stem: CsvStem): void {
    if (stem === 'mix_share') this.mixIncomplete = true
  }

  /** Checks that need whole sections: mix sums and demand families without mix rows. */
  finish(): void {
    if (this.ctx.noCalendar) {
      this.report.warning(
        'no_calendar',
        CALENDAR_FILE,
        null,
        null,
        `The bundle has no ${CALENDAR_FILE} and the label has no earlier calendar to inherit: periods and due dates are not checked against a calendar, and plans cannot split periods into weeks.`,
      )
    }
    if (this.mixIncomplete) return
    const { abs } = this.ctx.tolerance
    const severity = this.ctx.mixShareSumSeverity ?? 'warning'
    const how =
      severity === 'error'
        ? 'planning_params.mix_share_sum_severity is "error", so this blocks the import'
        : 'a warning; planning_params.mix_share_sum_severity "error" would block the import'
    for (const m of this.mixSums.values()) {
      if (Math.abs(m.sum - 1) > Math.max(abs, 1e-9)) {
        const since = m.from ? ` from ${m.from}` : ''
        this.report.add({
          severity,
          code: 'mix_share_sum',
          file: 'mix_share.csv',
          row: m.line,
          column: 'share',
          message: `Shares of family '${m.family}'${since} sum to ${round(m.sum)}, not 1 (${how}).`,
        })
      }
    }
    const mix = this.mixUploaded ? this.mixFamilies : this.ctx.inheritedMixFamilies
    if (!mix) {
      if (this.demandFamilies.size) {
        this.report.warning('no_mix_share', 'demand_family.csv', null, 'family', 'The bundle has no mix_share.csv: demand families cannot be split into SKUs.')
      }
      return
    }
    for (const [family, line] of this.demandFamilies) {
      if (!mix.has(family)) this.report.warning('family_without_mix', 'demand_family.csv', line, 'family', `Demand family '${family}' has no mix_share rows.`)
    }
  }
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9
}
