// The validation report: one shape for CLI, report file, REST and web
// (docs/bundles.md, "The validation report").
import { z } from 'zod'
import { SECTION_STEMS, type SectionStem } from './sections'

export type Severity = 'error' | 'warning'

const issueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  file: z.string(),
  row: z.number().int().nonnegative().nullable(),
  column: z.string().nullable(),
  message: z.string(),
})
export type Issue = z.infer<typeof issueSchema>

const count = z.number().int().nonnegative()
const fileCountsSchema = z.object({ rows_read: count, rows_accepted: count })
export type FileCounts = z.infer<typeof fileCountsSchema>

export const validationReportSchema = z
  .object({
    ok: z.boolean(),
    label: z.string(),
    revision: z.number().int().positive().optional(),
    content_hash: z.string().optional(),
    validate_only: z.boolean(),
    files: z.partialRecord(z.enum(SECTION_STEMS), fileCountsSchema),
    inherited: z.array(z.object({ section: z.enum(SECTION_STEMS), from_revision: z.number().int().positive() })),
    issues: z.array(issueSchema),
    counts: z.object({ errors: count, warnings: count }),
  })
  .meta({ id: 'ValidationReport' })
export type ValidationReport = z.infer<typeof validationReportSchema>

type FileTally = { listed: number; errors: number; suppressed: Record<Severity, number>; stoppedAt?: number }

/**
 * Collects issues. A hostile file can produce millions; past the per-file cap the
 * rest are counted and reported as one `issues_truncated` issue, never dropped unseen.
 * A file with as many errors as the cap is not read further (see errorCapReached): the
 * import fails whatever the rest holds, and reading on would only cost time.
 */
export class ReportBuilder {
  private issues: Issue[] = []
  private perFile = new Map<string, FileTally>()
  readonly files: Partial<Record<SectionStem, FileCounts>> = {}
  readonly inherited: ValidationReport['inherited'] = []
  errors = 0
  warnings = 0

  constructor(
    readonly label: string,
    readonly maxIssuesPerFile: number,
  ) {}

  add(issue: Issue): void {
    if (issue.severity === 'error') this.errors++
    else this.warnings++
    const tally = this.perFile.get(issue.file) ?? { listed: 0, errors: 0, suppressed: { error: 0, warning: 0 } }
    this.perFile.set(issue.file, tally)
    if (issue.severity === 'error') tally.errors++
    if (tally.listed >= this.maxIssuesPerFile) {
      tally.suppressed[issue.severity]++
      return
    }
    tally.listed++
    this.issues.push(issue)
  }

  error(code: string, file: string, row: number | null, column: string | null, message: string): void {
    this.add({ severity: 'error', code, file, row, column, message })
  }

  warning(code: string, file: string, row: number | null, column: string | null, message: string): void {
    this.add({ severity: 'warning', code, file, row, column, message })
  }

  /** Counts `n` errors of `file` beyond those listed (the caller has listed MAX_ISSUES_PER_FILE of their kind). */
  unlistedErrors(file: string, n: number): void {
    if (n <= 0) return
    const tally = this.perFile.get(file) ?? { listed: 0, errors: 0, suppressed: { error: 0, warning: 0 } }
    this.perFile.set(file, tally)
    this.errors += n
    tally.errors += n
    tally.suppressed.error += n
  }

  counts(stem: SectionStem): FileCounts {
    return (this.files[stem] ??= { rows_read: 0, rows_accepted: 0 })
  }

  hasIssueIn(file: string): boolean {
    return this.perFile.has(file)
  }

  /** True once `file` has as many errors as MAX_ISSUES_PER_FILE: its reader should stop. */
  errorCapReached(file: string): boolean {
    return (this.perFile.get(file)?.errors ?? 0) >= this.maxIssuesPerFile
  }

  /** Records that reading `file` stopped after the row on line `row` (the report says so). */
  stopChecking(file: string, row: number): void {
    this.perFile.get(file)!.stoppedAt = row
  }

  checkingStopped(file: string): boolean {
    return this.perFile.get(file)?.stoppedAt !== undefined
  }

  get hasErrors(): boolean {
    return this.errors > 0
  }

  /** The issues_truncated issue of a file whose reading stopped at the error cap; it also counts unlisted errors. */
  private stoppedIssue(file: string, tally: FileTally): Issue {
    const unlisted = tally.suppressed.error
    const more = unlisted > 0 ? ` ${unlisted} of them not listed.` : ''
    return {
      severity: 'error',
      code: 'issues_truncated',
      file,
      row: tally.stoppedAt!,
      column: null,
      message: `Checking of ${file} stopped at row ${tally.stoppedAt} after ${tally.errors} errors (limit ${this.maxIssuesPerFile} issues per file); the rows after it were not read.${more}`,
    }
  }

  build(extra: { revision?: number; content_hash?: string; validate_only: boolean }): ValidationReport {
    const issues = [...this.issues]
    for (const [file, tally] of this.perFile) {
      if (tally.stoppedAt !== undefined) issues.push(this.stoppedIssue(file, tally))
      for (const severity of ['error', 'warning'] as const) {
        const n = tally.suppressed[severity]
        if (n > 0 && !(severity === 'error' && tally.stoppedAt !== undefined)) {
          issues.push({
            severity,
            code: 'issues_truncated',
            file,
            row: null,
            column: null,
            message: `${n} more ${severity}${n === 1 ? '' : 's'} in ${file} not listed (limit ${this.maxIssuesPerFile} issues per file).`,
          })
        }
      }
    }
    // Errors first, then by file and row, so the first thing a planner reads is what blocks.
    issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.file.localeCompare(b.file) || (a.row ?? 0) - (b.row ?? 0))
    return {
      ok: !this.hasErrors,
      label: this.label,
      ...(extra.revision !== undefined ? { revision: extra.revision } : {}),
      ...(extra.content_hash !== undefined ? { content_hash: extra.content_hash } : {}),
      validate_only: extra.validate_only,
      files: this.files,
      inherited: this.inherited,
      issues,
      counts: { errors: this.errors, warnings: this.warnings },
    }
  }
}
