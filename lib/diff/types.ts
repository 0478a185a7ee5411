// The diff report's shape: one JSON document shared by the CLI file, the REST body and
// the web page, so every consumer reads the same field names.
import type { z } from 'zod'
import type {
  calendarHeaderSchema,
  changedRowSchema,
  countsSchema,
  diffReportSchema,
  fieldChangeSchema,
  revisionInfoSchema,
  sectionDiffSchema,
  toleranceSchema,
  totalSchema,
} from './report-schema'

// The shapes are declared once, as the schemas in report-schema.ts that also check cached files.
export type Tolerance = z.infer<typeof toleranceSchema>
export type FieldChange = z.infer<typeof fieldChangeSchema>
export type ChangedRow = z.infer<typeof changedRowSchema>
export type Counts = z.infer<typeof countsSchema>
export type SectionDiff = z.infer<typeof sectionDiffSchema>
export type CalendarDiff = SectionDiff & { header: z.infer<typeof calendarHeaderSchema> }
export type Total = z.infer<typeof totalSchema>
export type RevisionInfo = z.infer<typeof revisionInfoSchema>
export type DiffReport = z.infer<typeof diffReportSchema>

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
