import Link from 'next/link'
import type { CachedDiff } from '@/lib/diff/cache'
import { sectionKindPage } from '@/lib/diff/report-view'
import { DIFF_KINDS, type DiffKind } from '@/lib/diff/schema'
import type { CalendarDiff, ChangedRow } from '@/lib/diff/types'
import type { SectionStem } from '@/lib/input-sets/bundle/sections'
import { Pager } from '../data-table/pager'
import { SECTION_TITLES } from '@/lib/input-sets/section-titles'
import { DiffChangesTable, DiffRowsTable } from './diff-rows-table'

const count = new Intl.NumberFormat('en-US')
export const DIFF_PAGE_SIZE = 50

type Props = {
  cached: CachedDiff
  section: string
  kind: DiffKind
  page: number
  /** The page's URL with these values changed. */
  href: (values: { section?: string; kind?: string; page?: number }) => string
  /** The CSV download of a section's rows of one kind. */
  csvHref: (section: string, kind: DiffKind) => string
}

const KIND_TITLES: Record<DiffKind, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' }

/** The section's first kind that has entries, so a section opens on something to read. */
export function firstKind(cached: CachedDiff, section: string): DiffKind {
  const counts = cached.report.summary.sections[section]
  return DIFF_KINDS.find((k) => (counts?.[k] ?? 0) > 0) ?? 'changed'
}

/** The first section with any difference, else the first section. */
export function firstSection(cached: CachedDiff): string {
  const entries = Object.entries(cached.report.summary.sections)
  return (entries.find(([, c]) => c.added + c.removed + c.changed > 0) ?? entries[0])[0]
}

/** Section picker, kind tabs, one page of rows, and a notice whenever the report's list was cut. */
export function DiffSections({ cached, section, kind, page, href, csvHref }: Props) {
  const { summary, sections, limit } = cached.report
  const counts = summary.sections[section]
  const rows = sectionKindPage(cached, section, kind, page, DIFF_PAGE_SIZE)
  const title = `${KIND_TITLES[kind]} rows of ${SECTION_TITLES[section as SectionStem] ?? section}`
  const header = (sections[section] as CalendarDiff | undefined)?.header
  return (
    <div className="sections">
      <nav className="section-picker" aria-label="Sections">
        <ul>
          {Object.entries(summary.sections).map(([stem, c]) => (
            <li key={stem}>
              <Link
                className={stem === section ? 'section-link section-link-current' : 'section-link'}
                href={href({ section: stem, kind: undefined, page: 1 })}
                aria-current={stem === section ? 'true' : undefined}
              >
                {SECTION_TITLES[stem as SectionStem] ?? stem}
                <span className="section-count">{count.format(c.added + c.removed + c.changed)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="section-body">
        <nav className="tabs" aria-label="Kind of change">
          {DIFF_KINDS.map((k) => (
            <Link key={k} className={k === kind ? 'tab tab-current' : 'tab'} href={href({ kind: k, page: 1 })} aria-current={k === kind ? 'page' : undefined}>
              {KIND_TITLES[k]} ({count.format(counts[k])})
            </Link>
          ))}
        </nav>
        {header && Object.keys(header).length > 0 && (
          <ul className="changes calendar-header-changes" aria-label="Calendar settings changed">
            {Object.entries(header).map(([name, c]) => (
              <li key={name}>
                <span className="change-field">{name}</span> {JSON.stringify(c.previous)} → {JSON.stringify(c.current)}
              </li>
            ))}
          </ul>
        )}
        <p className="csv-download">
          <a href={csvHref(section, kind)} download>
            Download {kind} rows of {SECTION_TITLES[section as SectionStem] ?? section} as CSV
          </a>{' '}
          <span className="muted">
            ({count.format(rows.total)} {rows.total === 1 ? 'row' : 'rows'})
          </span>
        </p>
        {rows.total < counts[kind] && (
          <p className="notice" role="note">
            The report lists the first {count.format(rows.total)} of {count.format(counts[kind])} {kind} rows (at most {count.format(limit)} per kind and section);
            the counts are exact. An operator can write a report with every row from the server.
          </p>
        )}
        {rows.total === 0 ? (
          <p className="empty">No {kind} rows in this section.</p>
        ) : kind === 'changed' ? (
          <DiffChangesTable label={title} rows={rows.data as ChangedRow[]} />
        ) : (
          <DiffRowsTable label={title} rows={rows.data as Record<string, unknown>[]} />
        )}
        <Pager label={title} page={page} pageSize={DIFF_PAGE_SIZE} total={rows.total} href={(p) => href({ page: p })} />
      </div>
    </div>
  )
}
