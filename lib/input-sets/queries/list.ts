// Lists input sets with the revision each label resolves to (ready, else the newest
// revision still in play), and the pending draft of each, if any. Filtering, counting and
// paging happen in SQL, so a page costs the same with ten sets or ten thousand.
import { sql, type InferResult, type RawBuilder } from 'kysely'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import { literal, ONE_ROW } from '../../db/query'
import type { Db } from '../../db/query'
import { preparedForms, preparedQuery } from '../../db/prepared'
import { getSql } from '../../db/sql'
import { z } from 'zod'
import { dbTime } from '../../db/time'
import { env } from '../../env'
import { isoTime, pageSchema, type Paging } from '../../schema'
import { REVISION_STATUSES, type RevisionStatus } from '../labels'
import { mayApprove } from '../review-rules'

/** A label's pending draft: who uploaded it, how long it has waited, and whether the viewer may approve it. */
const pendingDraftSchema = z.object({
  revision: z.number().int().positive(),
  uploaded_by: z.string(),
  uploaded_at: isoTime,
  age_seconds: z.number().nonnegative(),
  waiting_for_you: z.boolean(),
})
export type PendingDraft = z.infer<typeof pendingDraftSchema>

export const inputSetSummarySchema = z.object({
  label: z.string(),
  status: z.enum(REVISION_STATUSES),
  revision: z.number().int().positive(),
  config_version_id: z.number().int().positive(),
  rows: z.number().int().nonnegative(),
  updated_at: isoTime,
  approved_by: z.string().nullable(),
  approved_at: isoTime.nullable(),
  /** The pending draft when it is not the revision shown (the label has a ready revision). */
  draft_revision: z.number().int().positive().nullable(),
  /** The label's pending draft, whether or not it is the revision shown; null when none waits. */
  pending_draft: pendingDraftSchema.nullable(),
})
export type InputSetSummary = z.infer<typeof inputSetSummarySchema>

/** `awaitingReview`: only sets with a pending draft, whatever their ready revision. */
export type ListFilter = { status?: RevisionStatus; configVersionId?: number; q?: string; awaitingReview?: boolean }

export const LIST_SORTS = ['label', 'updated', 'status'] as const
export type ListSort = (typeof LIST_SORTS)[number]
export type ListOrder = { sort?: ListSort; dir?: 'asc' | 'desc' }

/** Per status of the revision shown, plus `awaiting_review`: the sets with a pending draft (which also count under their status). */
const statusCountsSchema = z.object(
  Object.fromEntries([...REVISION_STATUSES, 'awaiting_review'].map((s) => [s, z.number().int().nonnegative()])) as Record<
    RevisionStatus | 'awaiting_review',
    z.ZodNumber
  >,
)
export type StatusCounts = z.infer<typeof statusCountsSchema>

export const inputSetPageSchema = pageSchema(inputSetSummarySchema).extend({ status_counts: statusCountsSchema }).meta({ id: 'InputSetPage' })
export type InputSetPage = z.infer<typeof inputSetPageSchema>

/** The filter as query values: the search already as its LIKE pattern. Undefined leaves a condition out. */
type FilterValues = { configVersionId?: number; pattern?: string; status?: RevisionStatus }

function filterValues(filter: ListFilter, withStatus: boolean): FilterValues {
  return { configVersionId: filter.configVersionId, pattern: filter.q ? containsPattern(filter.q) : undefined, status: withStatus ? filter.status : undefined }
}

/** Each set joined to the revision it resolves to and to its pending draft (at most one: a unique index), narrowed by the given values. */
function matching(db: Db, v: FilterValues, awaitingReview = false) {
  return (
    db
      .selectFrom('input_set as s')
      .innerJoin('input_set_revision as r', (join) =>
        join.on((eb) =>
          eb(
            'r.id',
            '=',
            eb
              .selectFrom('input_set_revision as c')
              .select('c.id')
              .whereRef('c.input_set_id', '=', 's.id')
              .where('c.status', '<>', literal('superseded'))
              .orderBy(sql`CASE c.status WHEN 'ready' THEN 0 ELSE 1 END`)
              .orderBy('c.number', 'desc')
              .limit(ONE_ROW),
          ),
        ),
      )
      .leftJoin('input_set_revision as d', (join) => join.onRef('d.input_set_id', '=', 's.id').on('d.status', '=', literal('draft')))
      .$if(awaitingReview, (q) => q.where('d.id', 'is not', null))
      .$if(v.configVersionId !== undefined, (q) => q.where('s.config_version_id', '=', v.configVersionId!))
      // Case-insensitive on both databases; % and _ in the search are literal.
      .$if(v.pattern !== undefined, (q) => q.where(sql<boolean>`LOWER(s.label) LIKE ${v.pattern!} ESCAPE '\\'`))
      .$if(v.status !== undefined, (q) => q.where('r.status', '=', v.status!))
  )
}

function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

function summaries(db: Db, v: FilterValues, awaitingReview = false) {
  return matching(db, v, awaitingReview).select((eb) => [
    's.label',
    's.config_version_id',
    's.updated_at',
    'r.number',
    'r.status',
    'r.approved_by',
    'r.approved_at',
    // Rows count data rows and calendar periods; parameters are settings, not rows.
    eb
      .selectFrom('revision_section as x')
      .select((e) => e.fn.coalesce(e.fn.sum<number>('x.rows'), e.lit(0)).as('n'))
      .whereRef('x.revision_id', '=', 'r.id')
      .where('x.section', '<>', literal('planning_params'))
      .$asScalar()
      .as('row_count'),
    'd.number as draft_number',
    'd.uploaded_by as draft_uploaded_by',
    'd.uploaded_by_id as draft_uploaded_by_id',
    'd.uploaded_at as draft_uploaded_at',
  ])
}

/** Every matching set, by label (the CLI and the portal's unpaged views). */
export async function listInputSets(access: ReadAccess, filter: ListFilter = {}): Promise<InputSetSummary[]> {
  requireReadAccess(access)
  const rows = await getSql().withConnection((conn) => summaries(conn.db, filterValues(filter, true), filter.awaitingReview).orderBy('s.label').execute())
  const view = viewOf(access)
  return rows.map((r) => toSummary(r, view))
}

// Sort keys map to fixed SQL, so no caller text reaches ORDER BY; the label breaks ties so
// pages never overlap. Status sorts by lifecycle (draft → ready → superseded → archived).
const ORDER_BY: Record<ListSort, RawBuilder<unknown>> = {
  label: sql.ref('s.label'),
  updated: sql.ref('s.updated_at'),
  status: sql.raw(`CASE r.status ${REVISION_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`),
}

// The list is read on every visit of the portal's front page: its two queries are compiled once per
// form (filters given, sort, direction) instead of on every call.
const pageOfSummaries = preparedForms((db, form: Required<ListOrder> & { awaitingReview: boolean }, v: FilterValues & { limit: number; offset: number }) =>
  summaries(db, v, form.awaitingReview)
    .orderBy(ORDER_BY[form.sort], form.dir)
    .$if(form.sort !== 'label', (q) => q.orderBy('s.label', 'asc'))
    .limit(v.limit)
    .offset(v.offset),
)
const countsByStatus = preparedForms((db, _form: null, v: FilterValues) =>
  matching(db, v)
    .select((eb) => ['r.status', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('d.id').as('awaiting')])
    .groupBy('r.status'),
)

/** One page of matching sets plus the count of each status (and of those awaiting review) among all sets matching the other filters. */
export async function listInputSetPage(access: ReadAccess, filter: ListFilter & ListOrder & Paging): Promise<InputSetPage> {
  requireReadAccess(access)
  const awaitingReview = filter.awaitingReview === true
  const form = { sort: filter.sort ?? 'label', dir: filter.dir === 'desc' ? 'desc' : 'asc', awaitingReview } as const
  const window = { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }
  const { rows, counts } = await getSql().withConnection(async (conn) => ({
    rows: await pageOfSummaries(conn, form, { ...filterValues(filter, true), ...window }),
    counts: await countsByStatus(conn, null, filterValues(filter, false)),
  }))
  const status_counts = Object.fromEntries([...REVISION_STATUSES, 'awaiting_review'].map((s) => [s, 0])) as StatusCounts
  for (const row of counts) {
    status_counts[row.status] = Number(row.n)
    status_counts.awaiting_review += Number(row.awaiting)
  }
  const all = REVISION_STATUSES.reduce((sum, s) => sum + status_counts[s], 0)
  const total =
    awaitingReview && filter.status
      ? (counts.find((c) => c.status === filter.status)?.awaiting ?? 0)
      : awaitingReview
        ? status_counts.awaiting_review
        : filter.status
          ? status_counts[filter.status]
          : all
  const view = viewOf(access)
  return { data: rows.map((r) => toSummary(r, view)), total: Number(total), page: filter.page, page_size: filter.pageSize, status_counts }
}

/** How many sets have a pending draft (the portal header's count). */
export async function countAwaitingReview(access: ReadAccess): Promise<number> {
  requireReadAccess(access)
  const row = await getSql().withConnection((conn) => awaitingCount(conn))
  return Number(row[0]?.n ?? 0)
}

const awaitingCount = preparedQuery((db) =>
  db
    .selectFrom('input_set_revision')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', literal('draft')),
)

type SummaryRow = InferResult<ReturnType<typeof summaries>>[number]
type Viewer = { access: ReadAccess; fourEyes: boolean; now: number }

function viewOf(access: ReadAccess): Viewer {
  return { access, fourEyes: env().FOUR_EYES, now: Date.now() }
}

function toSummary(r: SummaryRow, view: Viewer): InputSetSummary {
  return {
    label: r.label,
    status: r.status,
    revision: r.number,
    config_version_id: r.config_version_id,
    rows: r.row_count,
    updated_at: r.updated_at.toISOString(),
    approved_by: r.approved_by,
    approved_at: r.approved_at?.toISOString() ?? null,
    draft_revision: r.draft_number !== null && r.draft_number !== r.number ? r.draft_number : null,
    pending_draft: r.draft_number === null ? null : pendingDraft(r, view),
  }
}

function pendingDraft(r: SummaryRow, view: Viewer): PendingDraft {
  // Aliased, so SQLite hands it back as its stored text (lib/db/sql.ts converts by column name only).
  const uploadedAt = dbTime(r.draft_uploaded_at)!
  return {
    revision: r.draft_number!,
    uploaded_by: r.draft_uploaded_by!,
    uploaded_at: uploadedAt.toISOString(),
    age_seconds: Math.max(0, Math.floor((view.now - uploadedAt.getTime()) / 1000)),
    waiting_for_you: mayApprove(view.access.principal, r.draft_uploaded_by_id!, view.fourEyes),
  }
}
