// One page of a cached diff report: summary, totals and pivots whole; the per-section lists
// (which may hold up to JOB_LIST_LIMIT entries each) cut to one page, with what is listed
// and what was counted side by side so a truncated list is never mistaken for a complete one.
import type { Page } from '../schema'
import type { CachedDiff } from './cache'
import { DIFF_KINDS, type DiffKind } from './schema'
import type { CalendarDiff, Counts, SectionDiff } from './types'

export type SectionPage = {
  counts: Counts
  /** Entries kept in the cached report per kind; below the count when the job's list limit cut it. */
  listed: Record<DiffKind, number>
  truncated: boolean
  header?: CalendarDiff['header']
} & { [K in DiffKind]: SectionDiff[K] }

export type DiffReportPage = Omit<CachedDiff['report'], 'sections' | 'limit'> & {
  status: 'ready'
  diff_job_id: number
  generated_at: string
  duration_ms: number
  list_limit: number
  page: number
  page_size: number
  sections: Record<string, SectionPage>
}

export type ViewOptions = { section?: string; kind?: DiffKind; page: number; pageSize: number }

export function reportPage(cached: CachedDiff, o: ViewOptions): DiffReportPage {
  const { sections, limit, ...rest } = cached.report
  const out: Record<string, SectionPage> = {}
  for (const [stem, diff] of Object.entries(sections)) {
    if (o.section && stem !== o.section) continue
    out[stem] = sectionPage(diff, rest.summary.sections[stem], o)
  }
  return {
    status: 'ready',
    diff_job_id: cached.diff_job_id,
    generated_at: cached.generated_at,
    duration_ms: cached.duration_ms,
    ...rest,
    list_limit: limit,
    page: o.page,
    page_size: o.pageSize,
    sections: out,
  }
}

function sectionPage(diff: SectionDiff | CalendarDiff, counts: Counts, o: ViewOptions): SectionPage {
  const start = (o.page - 1) * o.pageSize
  const slice = <T>(list: T[], kind: DiffKind) => (o.kind && o.kind !== kind ? [] : list.slice(start, start + o.pageSize))
  const listed = Object.fromEntries(DIFF_KINDS.map((k) => [k, diff[k].length])) as Record<DiffKind, number>
  return {
    counts,
    listed,
    truncated: diff.truncated,
    ...('header' in diff ? { header: diff.header } : {}),
    added: slice(diff.added, 'added'),
    removed: slice(diff.removed, 'removed'),
    changed: slice(diff.changed, 'changed'),
  }
}

/** One kind of one section as a table page (the portal's per-section tables). */
export function sectionKindPage<K extends DiffKind>(cached: CachedDiff, section: string, kind: K, page: number, pageSize: number): Page<SectionDiff[K][number]> {
  const list = (cached.report.sections[section]?.[kind] ?? []) as SectionDiff[K]
  return { data: list.slice((page - 1) * pageSize, page * pageSize), total: list.length, page, page_size: pageSize }
}
