// One revision as the API and the detail page show it: the revision's review fields,
// per-section counts and hashes, calendar header, parameters, meta and the label's
// revision history. Rows are paged separately (rows.ts).
import type { Selectable } from 'kysely'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import type { InputSetRevision } from '../../db/generated/kysely/types'
import { getSql } from '../../db/sql'
import { z } from 'zod'
import { isoTime } from '../../schema'
import { SECTION_STEMS } from '../bundle/sections'
import { parseInputSetRef, REVISION_STATUSES } from '../labels'
import { resolveRevisionOrThrow } from '../store/resolve'

const sectionSummarySchema = z.object({
  section: z.string(),
  rows: z.number().int().nonnegative(),
  sha256: z.string(),
  inherited_from_revision: z.number().int().positive().nullable(),
})
export type SectionSummary = z.infer<typeof sectionSummarySchema>

const revisionSummarySchema = z.object({
  number: z.number().int().positive(),
  status: z.enum(REVISION_STATUSES),
  content_hash: z.string(),
  uploaded_by: z.string(),
  uploaded_at: isoTime,
  approved_by: z.string().nullable(),
  approved_at: isoTime.nullable(),
})
export type RevisionSummary = z.infer<typeof revisionSummarySchema>

export const inputSetDetailSchema = z
  .object({
    label: z.string(),
    config_version_id: z.number().int().positive(),
    revision: revisionSummarySchema.extend({
      approved_hash: z.string().nullable(),
      review_comment: z.string().nullable(),
      upload_comment: z.string().nullable(),
      source_name: z.string().nullable(),
    }),
    sections: z.array(sectionSummarySchema),
    calendar: z.object({
      calendar_type: z.string().nullable(),
      week_unit: z.string().nullable(),
      periods: z.number().int().nonnegative(),
      start_date: z.string().nullable(),
      end_date: z.string().nullable(),
    }),
    params: z.record(z.string(), z.unknown()),
    meta: z.object({ description: z.string().nullable(), canonical_sample_name: z.string().nullable(), raw: z.record(z.string(), z.unknown()).nullable() }),
    revisions: z.array(revisionSummarySchema),
  })
  .meta({ id: 'InputSetDetail' })
export type InputSetDetail = z.infer<typeof inputSetDetailSchema>

// What the revision history shows of each revision; the id links inherited sections to their revision.
const SUMMARY_COLUMNS = ['id', 'number', 'status', 'content_hash', 'uploaded_by', 'uploaded_at', 'approved_by', 'approved_at'] as const

const iso = (d: Date | null) => d?.toISOString() ?? null

export async function getInputSetDetail(access: ReadAccess, refText: string): Promise<InputSetDetail> {
  requireReadAccess(access)
  const ref = parseInputSetRef(refText)
  return getSql().withConnection(async (conn) => {
    const target = await resolveRevisionOrThrow(conn, ref)
    // One after another: a connection runs one query at a time (node-postgres would only queue them).
    const rev = await conn.db.selectFrom('input_set_revision').selectAll().where('id', '=', target.revisionId).executeTakeFirstOrThrow()
    const sections = await conn.db
      .selectFrom('revision_section')
      .select(['section', 'rows', 'sha256', 'inherited_from'])
      .where('revision_id', '=', target.revisionId)
      .execute()
    const params = await conn.db.selectFrom('planning_param').select(['key', 'value_json']).where('revision_id', '=', target.revisionId).orderBy('key').execute()
    const history = await conn.db
      .selectFrom('input_set_revision')
      .select(SUMMARY_COLUMNS)
      .where('input_set_id', '=', target.inputSetId)
      .orderBy('number', 'desc')
      .execute()
    const periods = await conn.db
      .selectFrom('calendar_period')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.min<string | null>('start_date').as('start_date'),
        eb.fn.max<string | null>('end_date').as('end_date'),
      ])
      .where('revision_id', '=', target.revisionId)
      .executeTakeFirstOrThrow()
    const numberOf = new Map(history.map((r) => [r.id, r.number]))
    const order = (s: string) => (SECTION_STEMS as readonly string[]).indexOf(s)
    return {
      label: target.label,
      config_version_id: target.configVersionId,
      revision: {
        ...summary(rev),
        approved_hash: rev.approved_hash,
        review_comment: rev.review_comment,
        upload_comment: rev.upload_comment,
        source_name: rev.source_name,
      },
      sections: sections
        .sort((a, b) => order(a.section) - order(b.section))
        .map((s) => ({
          section: s.section,
          rows: s.rows,
          sha256: s.sha256,
          inherited_from_revision: s.inherited_from === null ? null : (numberOf.get(s.inherited_from) ?? null),
        })),
      calendar: {
        calendar_type: rev.calendar_type,
        week_unit: rev.week_unit,
        periods: periods.count,
        start_date: periods.start_date,
        end_date: periods.end_date,
      },
      params: Object.fromEntries(params.map((p) => [p.key, JSON.parse(p.value_json) as unknown])),
      meta: {
        description: rev.description,
        canonical_sample_name: rev.canonical_sample_name,
        raw: rev.meta_json ? (JSON.parse(rev.meta_json) as Record<string, unknown>) : null,
      },
      revisions: history.map(summary),
    }
  })
}

function summary(r: Pick<Selectable<InputSetRevision>, (typeof SUMMARY_COLUMNS)[number]>): RevisionSummary {
  return {
    number: r.number,
    status: r.status,
    content_hash: r.content_hash,
    uploaded_by: r.uploaded_by,
    uploaded_at: r.uploaded_at.toISOString(),
    approved_by: r.approved_by,
    approved_at: iso(r.approved_at),
  }
}
