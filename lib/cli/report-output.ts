// Human-readable rendering of a validation report for the terminal.
import type { ValidationReport } from '../input-sets/bundle/report'

const SHOWN = 20

/**
 * File names and cell values come from the uploaded bundle; a terminal would act on control
 * characters in them (an ANSI escape can rewrite what the operator sees), so they are shown
 * as \u escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function formatReport(report: ValidationReport): string {
  const lines: string[] = []
  const files = Object.entries(report.files)
  if (files.length) {
    lines.push('file                 rows read  accepted')
    for (const [stem, c] of files) lines.push(`${stem.padEnd(20)} ${String(c!.rows_read).padStart(9)}  ${String(c!.rows_accepted).padStart(8)}`)
  }
  for (const i of report.inherited) lines.push(`inherited ${i.section} from revision ${i.from_revision}`)
  for (const issue of report.issues.slice(0, SHOWN)) {
    const where = [issue.file, issue.row !== null ? `row ${issue.row}` : null, issue.column ? `column ${issue.column}` : null].filter(Boolean).join(', ')
    lines.push(`${issue.severity.padEnd(7)} ${where}: ${issue.message} [${issue.code}]`)
  }
  if (report.issues.length > SHOWN) lines.push(`… ${report.issues.length - SHOWN} more issues in the report file`)
  lines.push(`${report.counts.errors} error(s), ${report.counts.warnings} warning(s)`)
  return lines.map(printable).join('\n')
}
