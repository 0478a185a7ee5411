'use client'

import { useMemo, useState } from 'react'
import type { Issue, ValidationReport } from '@/lib/input-sets/bundle/report'
import { SECTION_STEMS, type SectionStem } from '@/lib/input-sets/bundle/sections'
import { SECTION_TITLES, sectionFile, sectionTitle } from '@/lib/input-sets/section-titles'
import styles from './validation-report.module.css'

// A report can list up to MAX_ISSUES_PER_FILE issues per file; the first ones are what a
// planner fixes first (errors come first), the rest are one click away.
const FIRST_ISSUES = 200
const count = new Intl.NumberFormat('en-US')

type Filter = 'all' | 'error' | 'warning'
type FileRow = { file: string; rowsRead?: number; rowsAccepted?: number; errors: number; warnings: number }

/** `demand_family.csv` → `demand_family`; anything else (an unknown file, the zip) keeps its name. */
function fileKey(file: string): string {
  const stem = file.replace(/\.(csv|json)$/i, '')
  return (SECTION_STEMS as readonly string[]).includes(stem) ? stem : file
}

const isSectionStem = (s: string): s is SectionStem => (SECTION_STEMS as readonly string[]).includes(s)

function fileRows(report: ValidationReport): FileRow[] {
  const rows = new Map<string, FileRow>()
  for (const stem of SECTION_STEMS) {
    const counts = report.files[stem]
    if (counts) rows.set(stem, { file: stem, rowsRead: counts.rows_read, rowsAccepted: counts.rows_accepted, errors: 0, warnings: 0 })
  }
  for (const issue of report.issues) {
    const key = fileKey(issue.file)
    const row = rows.get(key) ?? { file: key, errors: 0, warnings: 0 }
    rows.set(key, row)
    if (issue.code === 'issues_truncated') continue
    if (issue.severity === 'error') row.errors++
    else row.warnings++
  }
  return [...rows.values()]
}

function summary(report: ValidationReport): string {
  if (!report.ok) return ' — errors block the import; fix the files and validate again. Nothing was written.'
  if (!report.validate_only) return ` — imported as draft r${report.revision}.`
  return report.counts.warnings > 0 ? ' — warnings do not block the import; read them before creating the draft.' : ' — the bundle can be imported.'
}

export function ValidationReportView({ report }: { report: ValidationReport }) {
  const [filter, setFilter] = useState<Filter>('all')
  const [showAll, setShowAll] = useState(false)
  const files = useMemo(() => fileRows(report), [report])
  const issues = filter === 'all' ? report.issues : report.issues.filter((i) => i.severity === filter)
  const shown = showAll ? issues : issues.slice(0, FIRST_ISSUES)
  const { errors, warnings } = report.counts
  const downloadHref = useMemo(() => `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(report, null, 2))}`, [report])

  return (
    <section className={styles.report} aria-labelledby="report-heading">
      <div className={styles.head}>
        <h2 id="report-heading">Validation report</h2>
        <a className={styles.download} href={downloadHref} download={`validation-report-${report.label}.json`}>
          Download JSON
        </a>
      </div>
      <p className={!report.ok ? styles.failed : warnings > 0 ? styles.warned : styles.ok} role="status">
        <strong>
          {count.format(errors)} error{errors === 1 ? '' : 's'}, {count.format(warnings)} warning{warnings === 1 ? '' : 's'}
        </strong>
        {summary(report)}
      </p>

      {report.issues.length > 0 && (
        <>
          <h3 className={styles.sub}>Issues</h3>
          <div className={styles.filters} role="group" aria-label="Show issues">
            {(['all', 'error', 'warning'] as const).map((f) => (
              <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {f === 'all' ? `All (${report.issues.length})` : f === 'error' ? `Errors (${errors})` : `Warnings (${warnings})`}
              </button>
            ))}
          </div>
          <IssueTable issues={shown} />
          <p className={styles.note}>
            <strong>Line</strong> is the line in the file as a text editor shows it (the CSV header is line 1); for <code>planning_calendar.json</code> issues it is
            the period&apos;s position in <code>periods</code>.
          </p>
          {shown.length < issues.length && (
            <p className="summary">
              Showing the first {FIRST_ISSUES} of {count.format(issues.length)} issues.{' '}
              <button type="button" className="link-button" onClick={() => setShowAll(true)}>
                Show all
              </button>
            </p>
          )}
        </>
      )}
      <h3 className={styles.sub}>Rows per file</h3>
      <div className="table-wrap">
        <table className="data" aria-label="Files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Rows read
              </th>
              <th scope="col" className="num">
                Rows accepted
              </th>
              <th scope="col" className="num">
                Errors
              </th>
              <th scope="col" className="num">
                Warnings
              </th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.file}>
                <td className="label-cell">
                  {isSectionStem(f.file) ? (
                    <>
                      {SECTION_TITLES[f.file]} <span className={styles.fileName}>{sectionFile(f.file)}</span>
                    </>
                  ) : (
                    f.file
                  )}
                </td>
                <td className="num">{f.rowsRead === undefined ? '—' : count.format(f.rowsRead)}</td>
                <td className="num">{f.rowsAccepted === undefined ? '—' : count.format(f.rowsAccepted)}</td>
                <td className={`num ${f.errors ? styles.errorCount : ''}`}>{f.errors}</td>
                <td className="num">{f.warnings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {report.inherited.length > 0 && (
        <p className={styles.inherited}>
          <strong>Inherited</strong> (not in this upload, copied from revision r{report.inherited[0].from_revision}):{' '}
          {report.inherited.map((s) => sectionTitle(s.section)).join(', ')}
        </p>
      )}
      {report.content_hash && (
        <p className={styles.hash}>
          Content hash <code>{report.content_hash}</code>
        </p>
      )}
    </section>
  )
}

function IssueTable({ issues }: { issues: Issue[] }) {
  return (
    <div className="table-wrap">
      <table className="data" aria-label="Issues">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">File</th>
            <th scope="col" className="num">
              <abbr title="The line in the file (the header is line 1); in planning_calendar.json, the period's position">Line</abbr>
            </th>
            <th scope="col">Column</th>
            <th scope="col">Message</th>
            <th scope="col">Code</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, i) => (
            <tr key={i} className={issue.severity === 'error' ? styles.errorRow : undefined}>
              <td>
                <span className={issue.severity === 'error' ? styles.sevError : styles.sevWarning}>{issue.severity}</span>
              </td>
              <td>{issue.file}</td>
              <td className="num">{issue.row ?? '—'}</td>
              <td>{issue.column ?? '—'}</td>
              <td className={styles.message}>{issue.message}</td>
              <td>
                <code>{issue.code}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
