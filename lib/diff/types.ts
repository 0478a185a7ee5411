// The diff report's shape: one JSON document shared by the CLI file, the REST body and
// the web page, so every consumer reads the same field names.

export type Tolerance = { abs: number; rel: number }

/** One field that differs between the reference (previous) and the current set. */
export type FieldChange = {
  previous: unknown
  current: unknown
  /** Numeric fields only: current − previous. */
  delta?: number
  /** Numeric fields only: delta / |previous|; null when previous is 0. */
  relative?: number | null
  /** Numeric fields only: |delta| ≤ abs + rel·|previous|. */
  within_tolerance?: boolean
}

export type ChangedRow = {
  key: Record<string, unknown>
  fields: Record<string, FieldChange>
  /** True when every difference is a numeric one inside the tolerance. */
  within_tolerance: boolean
}

export type Counts = { added: number; removed: number; changed: number; unchanged: number }

export type SectionDiff = {
  added: Record<string, unknown>[]
  removed: Record<string, unknown>[]
  changed: ChangedRow[]
  /** True when at least one of the lists above holds fewer entries than its count. */
  truncated: boolean
}

export type CalendarDiff = SectionDiff & {
  /** calendar_type, week_unit and unknown top-level keys. */
  header: Record<string, FieldChange>
}

export type Total = { current: number; reference: number; delta: number }

export type RevisionInfo = { label: string; revision: number; content_hash: string }

export type DiffReport = {
  label: string
  against: string
  revisions: { current: RevisionInfo; reference: RevisionInfo }
  tolerance: Tolerance
  limit: number
  summary: {
    sections: Record<string, Counts>
    demand_total: Total
    capacity_total: Total
  }
  sections: Record<string, SectionDiff | CalendarDiff>
  pivots: {
    demand: { family: string; period: string; previous: number; current: number; delta: number }[]
    capacity: { workcenter: string; period: string; previous: number; current: number; delta: number }[]
  }
}

/** Collects one section's entries: counts are always exact, lists stop at the limit. */
export class SectionCollector {
  readonly counts: Counts = { added: 0, removed: 0, changed: 0, unchanged: 0 }
  readonly diff: SectionDiff = { added: [], removed: [], changed: [], truncated: false }
  constructor(private readonly limit: number) {}

  added(row: Record<string, unknown>) {
    this.push('added', row)
  }
  removed(row: Record<string, unknown>) {
    this.push('removed', row)
  }
  changed(row: ChangedRow) {
    this.push('changed', row)
  }
  unchanged() {
    this.counts.unchanged++
  }
  /** Unchanged rows counted in bulk, when they were never read one by one. */
  unchangedRows(n: number) {
    this.counts.unchanged += n
  }
  private push<K extends 'added' | 'removed' | 'changed'>(kind: K, entry: SectionDiff[K][number]) {
    this.counts[kind]++
    if (this.diff[kind].length < this.limit) (this.diff[kind] as unknown[]).push(entry)
    else this.diff.truncated = true
  }
}
