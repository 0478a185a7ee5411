import Link from 'next/link'
import { CSV_SECTIONS, type CsvStem, type SectionStem } from '@/lib/input-sets/bundle/sections'
import type { SectionSummary } from '@/lib/input-sets/queries/detail'
import type { SectionRows as SectionSlice } from '@/lib/input-sets/queries/rows'
import { Pager } from './data-table/pager'
import { hrefWith, type QueryValues } from './data-table/url'
import { inputSetHref } from './input-set-links'
import { CalendarTable } from './section-table-calendar'
import { SECTION_TITLES } from '@/lib/input-sets/section-titles'
import { SectionTable } from './section-table'

const count = new Intl.NumberFormat('en-US')

type PickerProps = { sections: SectionSummary[]; current: SectionStem; linkRef: string; query?: QueryValues }

/** Every section with its row count; inherited sections name the revision they came from. */
export function SectionPicker({ sections, current, linkRef, query = {} }: PickerProps) {
  return (
    <nav className="section-picker" aria-label="Sections">
      <ul>
        {sections.map((s) => {
          const stem = s.section as SectionStem
          const here = stem === current
          return (
            <li key={s.section}>
              <Link
                href={`${hrefWith(inputSetHref(linkRef), query, { section: stem, page: 1 })}#section`}
                className={here ? 'section-link section-link-current' : 'section-link'}
                aria-current={here ? 'true' : undefined}
                scroll={false}
              >
                <span>{SECTION_TITLES[stem] ?? s.section}</span>
                <span className="section-count">{count.format(s.rows)}</span>
                {s.inherited_from_revision !== null && <span className="inherited">inherited from r{s.inherited_from_revision}</span>}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

/**
 * `linkRef` is the reference the page's URL uses (the slice was read from the pinned revision);
 * `query` the page's other address values, which paging keeps.
 */
type RowsProps = { slice: SectionSlice; linkRef: string; query?: QueryValues }

/** One page of one section, as the database sorted and paged it. */
export function SectionRows({ slice, linkRef, query = {} }: RowsProps) {
  const { section, page } = slice
  const pageHref = (p: number) => `${hrefWith(inputSetHref(linkRef), query, { section, page: p })}#section`
  const pager = <Pager label={SECTION_TITLES[section]} page={page} pageSize={slice.page_size} total={slice.total} href={pageHref} />
  if (slice.total === 0) return <p className="empty">This revision has no {SECTION_TITLES[section].toLowerCase()} rows.</p>
  if (slice.rows.length === 0) return pager
  if (section === 'planning_calendar') {
    return (
      <>
        <CalendarTable rows={slice.rows} />
        {pager}
      </>
    )
  }
  const numeric = CSV_SECTIONS[section as CsvStem].fields.filter((f) => f.type === 'number' || f.type === 'int').map((f) => f.name)
  return (
    <>
      <SectionTable label={`${SECTION_TITLES[section]} rows`} columns={slice.columns} numeric={numeric} rows={slice.rows} />
      {pager}
    </>
  )
}
