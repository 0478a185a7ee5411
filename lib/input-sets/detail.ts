// One revision as the API and the detail page show it: the revision's review fields,
// per-section counts and hashes, calendar header, parameters, meta and the label's
// revision history. Rows are paged separately (rows.ts).
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getDb } from '../db/client'
import { getSql } from '../db/sql'
import { parseInputSetRef, type RevisionStatus } from './labels'
import { resolveRevisionOrThrow } from './resolve'
import { SECTION_STEMS } from './sections'

export type SectionSummary = { section: string; rows: number; sha256: string; inherited_from_revision: number | null }

export type RevisionSummary = {
  number: number
  status: RevisionStatus
  content_hash: string
  uploaded_by: string
  uploaded_at: string
  approved_by: string | null
  approved_at: string | null
}

export type InputSetDetail = {
  label: string
  config_version_id: number
  revision: RevisionSummary & {
    approved_hash: string | null
    review_comment: string | null
    upload_comment: string | null
    source_name: string | null
  }
  sections: SectionSummary[]
  calendar: { calendar_type: string | null; week_unit: string | null; periods: number; start_date: string | null; end_date: string | null }
  params: Record<string, unknown>
  meta: { description: string | null; canonical_sample_name: string | null; raw: Record<string, unknown> | null }
  revisions: RevisionSummary[]
}

const iso = (d: Date | null) => d?.toISOString() ?? null

export async function getInputSetDetail(access: ReadAccess, refText: string): Promise<InputSetDetail> {
  requireReadAccess(access)
  const ref = parseInputSetRef(refText)
  const target = await getSql().withConnection((conn) => resolveRevisionOrThrow(conn, ref))
  const db = getDb()
  const [rev, history, periods] = await Promise.all([
    db.inputSetRevision.findUniqueOrThrow({ where: { id: target.revisionId }, include: { sections: true, params: { orderBy: { key: 'asc' } } } }),
    db.inputSetRevision.findMany({ where: { inputSetId: target.inputSetId }, orderBy: { number: 'desc' } }),
    db.calendarPeriod.aggregate({ where: { revisionId: target.revisionId }, _count: { _all: true }, _min: { startDate: true }, _max: { endDate: true } }),
  ])
  const numberOf = new Map(history.map((r) => [r.id, r.number]))
  const order = (s: string) => (SECTION_STEMS as readonly string[]).indexOf(s)
  const summary = (r: (typeof history)[number]): RevisionSummary => ({
    number: r.number,
    status: r.status,
    content_hash: r.contentHash,
    uploaded_by: r.uploadedBy,
    uploaded_at: r.uploadedAt.toISOString(),
    approved_by: r.approvedBy,
    approved_at: iso(r.approvedAt),
  })
  return {
    label: target.label,
    config_version_id: target.configVersionId,
    revision: {
      ...summary(rev),
      approved_hash: rev.approvedHash,
      review_comment: rev.reviewComment,
      upload_comment: rev.uploadComment,
      source_name: rev.sourceName,
    },
    sections: [...rev.sections]
      .sort((a, b) => order(a.section) - order(b.section))
      .map((s) => ({
        section: s.section,
        rows: s.rows,
        sha256: s.sha256,
        inherited_from_revision: s.inheritedFrom === null ? null : (numberOf.get(s.inheritedFrom) ?? null),
      })),
    calendar: {
      calendar_type: rev.calendarType,
      week_unit: rev.weekUnit,
      periods: periods._count._all,
      start_date: periods._min.startDate,
      end_date: periods._max.endDate,
    },
    params: Object.fromEntries(rev.params.map((p) => [p.key, JSON.parse(p.valueJson) as unknown])),
    meta: {
      description: rev.description,
      canonical_sample_name: rev.canonicalSampleName,
      raw: rev.metaJson ? (JSON.parse(rev.metaJson) as Record<string, unknown>) : null,
    },
    revisions: history.map(summary),
  }
}
