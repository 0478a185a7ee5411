// Lists input sets with the revision each label resolves to (ready, else the newest
// revision still in play). Filtering, counting and paging happen in SQL, so a page
// costs the same with ten sets or ten thousand.
import { sql, type InferResult, type RawBuilder } from 'kysely'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import { literal, ONE_ROW } from '../../db/query'
import type { Db } from '../../db/query'
import { preparedForms } from '../../db/prepared'
import { getSql } from '../../db/sql'
import { z } from 'zod'
import { isoTime, pageSchema, type Paging } from '../../schema'
import { REVISION_STATUSES, type RevisionStatus } from '../labels'

export const inputSetSummarySchema = z.object({
  label: z.string(),
  status: z.enum(REVISION_STATUSES),
  revision: z.number().int().positive(),
  config_version_id: z.number().int().positive(),
  rows: z.number().int().nonnegative(),
  updated_at: isoTime,
  approved_by: z.string().nullable(),
  approved_at: isoTime.nullable(),
  draft_revision: z.number().int().positive().nullable(),
})
export type InputSetSummary = z.infer<typeof inputSetSummarySchema>

export type ListFilter = { status?: RevisionStatus; configVersionId?: number; q?: string }

export const LIST_SORTS = ['label', 'updated', 'status'] as const
export type ListSort = (typeof LIST_SORTS)[number]
export type ListOrder = { sort?: ListSort; dir?: 'asc' | 'desc' }

export const inputSetPageSchema = pageSchema(inputSetSummarySchema)
  .extend({ status_counts: z.object(Object.fromEntries(REVISION_STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<RevisionStatus, z.ZodNumber>) })
  .meta({ id: 'InputSetPage' })
export type InputSetPage = z.infer<typeof inputSetPageSchema>

/** The filter as query values: the search already as its LIKE pattern. Undefined leaves a condition out. */
type FilterValues = { configVersionId?: number; pattern?: string; status?: RevisionStatus }

function filterValues(filter: ListFilter, withStatus: boolean): FilterValues {
  return { configVersionId: filter.configVersionId, pattern: filter.q ? containsPattern(filter.q) : undefined, status: withStatus ? filter.status : undefined }
}

/** Each set joined to the revision it resolves to, narrowed by the given values. */
function matching(db: Db, v: FilterValues) {
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
      .$if(v.configVersionId !== undefined, (q) => q.where('s.config_version_id', '=', v.configVersionId!))
      // Case-insensitive on both databases; % and _ in the search are literal.
      .$if(v.pattern !== undefined, (q) => q.where(sql<boolean>`LOWER(s.label) LIKE ${v.pattern!} ESCAPE '\\'`))
      .$if(v.status !== undefined, (q) => q.where('r.status', '=', v.status!))
  )
}

function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

function summaries(db: Db, v: FilterValues) {
  return matching(db, v).select((eb) => [
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
    eb
      .selectFrom('input_set_revision as d')
      .select('d.number')
      .whereRef('d.input_set_id', '=', 's.id')
      .where('d.status', '=', literal('draft'))
      .whereRef('d.id', '<>', 'r.id')
      .limit(ONE_ROW)
      .as('draft_revision'),
  ])
}

/** Every matching set, by label (the CLI and the portal's unpaged views). */
export async function listInputSets(access: ReadAccess, filter: ListFilter = {}): Promise<InputSetSummary[]> {
  requireReadAccess(access)
  const rows = await getSql().withConnection((conn) => summaries(conn.db, filterValues(filter, true)).orderBy('s.label').execute())
  return rows.map(toSummary)
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
const pageOfSummaries = preparedForms((db, order: Required<ListOrder>, v: FilterValues & { limit: number; offset: number }) =>
  summaries(db, v)
    .orderBy(ORDER_BY[order.sort], order.dir)
    .$if(order.sort !== 'label', (q) => q.orderBy('s.label', 'asc'))
    .limit(v.limit)
    .offset(v.offset),
)
const countsByStatus = preparedForms((db, _form: null, v: FilterValues) =>
  matching(db, v)
    .select((eb) => ['r.status', eb.fn.countAll<number>().as('n')])
    .groupBy('r.status'),
)

/** One page of matching sets plus the count of each status among all sets matching the other filters. */
export async function listInputSetPage(access: ReadAccess, filter: ListFilter & ListOrder & Paging): Promise<InputSetPage> {
  requireReadAccess(access)
  const order: Required<ListOrder> = { sort: filter.sort ?? 'label', dir: filter.dir === 'desc' ? 'desc' : 'asc' }
  const window = { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }
  const { rows, counts } = await getSql().withConnection(async (conn) => ({
    rows: await pageOfSummaries(conn, order, { ...filterValues(filter, true), ...window }),
    counts: await countsByStatus(conn, null, filterValues(filter, false)),
  }))
  const status_counts = Object.fromEntries(REVISION_STATUSES.map((s) => [s, 0])) as Record<RevisionStatus, number>
  for (const row of counts) status_counts[row.status] = row.n
  const total = filter.status ? status_counts[filter.status] : Object.values(status_counts).reduce((a, b) => a + b, 0)
  return { data: rows.map(toSummary), total, page: filter.page, page_size: filter.pageSize, status_counts }
}

type SummaryRow = InferResult<ReturnType<typeof summaries>>[number]

function toSummary(r: SummaryRow): InputSetSummary {
  return {
    label: r.label,
    status: r.status,
    revision: r.number,
    config_version_id: r.config_version_id,
    rows: r.row_count,
    updated_at: r.updated_at.toISOString(),
    approved_by: r.approved_by,
    approved_at: r.approved_at?.toISOString() ?? null,
    draft_revision: r.draft_revision,
  }
}
