// Lists input sets with the revision each label resolves to (ready, else the newest
// revision still in play). Filtering, counting and paging happen in SQL, so a page
// costs the same with ten sets or ten thousand.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql, type SqlValue } from '../db/sql'
import type { Page, Paging } from '../schema'
import { REVISION_STATUSES, type RevisionStatus } from './labels'

export type InputSetSummary = {
  label: string
  status: RevisionStatus
  revision: number
  config_version_id: number
  rows: number
  updated_at: string
  approved_by: string | null
  approved_at: string | null
  draft_revision: number | null
}

export type ListFilter = { status?: RevisionStatus; configVersionId?: number; q?: string }

export const LIST_SORTS = ['label', 'updated', 'status'] as const
export type ListSort = (typeof LIST_SORTS)[number]
export type ListOrder = { sort?: ListSort; dir?: 'asc' | 'desc' }

export type InputSetPage = Page<InputSetSummary> & { status_counts: Record<RevisionStatus, number> }

// Rows count data rows and calendar periods; parameters are settings, not rows.
const FROM = `FROM input_set s
  JOIN input_set_revision r ON r.id = (
    SELECT c.id FROM input_set_revision c WHERE c.input_set_id = s.id AND c.status <> 'superseded'
    ORDER BY CASE c.status WHEN 'ready' THEN 0 ELSE 1 END, c.number DESC LIMIT 1)`

const SELECT = `SELECT s.label, s.config_version_id, s.updated_at, r.number, r.status, r.approved_by, r.approved_at,
  (SELECT COALESCE(SUM(x.rows), 0) FROM revision_section x WHERE x.revision_id = r.id AND x.section <> 'planning_params') AS row_count,
  (SELECT d.number FROM input_set_revision d WHERE d.input_set_id = s.id AND d.status = 'draft' AND d.id <> r.id LIMIT 1) AS draft_revision
  ${FROM}`

/** Every matching set, by label (the CLI and the portal's unpaged views). */
export async function listInputSets(access: ReadAccess, filter: ListFilter = {}): Promise<InputSetSummary[]> {
  requireReadAccess(access)
  const where = conditions(filter, true)
  const rows = await getSql().withConnection((c) => c.all<Record<string, unknown>>(`${SELECT} ${where.sql} ORDER BY s.label`, where.params))
  return rows.map(toSummary)
}

// Sort keys map to fixed SQL, so no caller text reaches ORDER BY; the label breaks ties so
// pages never overlap. Status sorts by lifecycle (draft → ready → superseded → archived).
const ORDER_BY: Record<ListSort, string> = {
  label: 's.label',
  updated: 's.updated_at',
  status: `CASE r.status ${REVISION_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`,
}

function orderBy({ sort = 'label', dir = 'asc' }: ListOrder): string {
  return `${ORDER_BY[sort]} ${dir === 'desc' ? 'DESC' : 'ASC'}${sort === 'label' ? '' : ', s.label ASC'}`
}

/** One page of matching sets plus the count of each status among all sets matching the other filters. */
export async function listInputSetPage(access: ReadAccess, filter: ListFilter & ListOrder & Paging): Promise<InputSetPage> {
  requireReadAccess(access)
  const paged = conditions(filter, true)
  const counted = conditions(filter, false)
  const { rows, counts } = await getSql().withConnection(async (c) => ({
    rows: await c.all<Record<string, unknown>>(`${SELECT} ${paged.sql} ORDER BY ${orderBy(filter)} LIMIT ? OFFSET ?`, [
      ...paged.params,
      filter.pageSize,
      (filter.page - 1) * filter.pageSize,
    ]),
    counts: await c.all<{ status: RevisionStatus; n: number | string }>(`SELECT r.status, COUNT(*) AS n ${FROM} ${counted.sql} GROUP BY r.status`, counted.params),
  }))
  const status_counts = Object.fromEntries(REVISION_STATUSES.map((s) => [s, 0])) as Record<RevisionStatus, number>
  for (const row of counts) status_counts[row.status] = Number(row.n)
  const total = filter.status ? status_counts[filter.status] : Object.values(status_counts).reduce((a, b) => a + b, 0)
  return { data: rows.map(toSummary), total, page: filter.page, page_size: filter.pageSize, status_counts }
}

function conditions(filter: ListFilter, withStatus: boolean): { sql: string; params: SqlValue[] } {
  const parts: string[] = []
  const params: SqlValue[] = []
  if (filter.configVersionId !== undefined) {
    parts.push('s.config_version_id = ?')
    params.push(filter.configVersionId)
  }
  if (filter.q) {
    // Case-insensitive on both databases; % and _ in the search are literal.
    parts.push(`LOWER(s.label) LIKE ? ESCAPE '\\'`)
    params.push(`%${filter.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
  }
  if (withStatus && filter.status) {
    parts.push('r.status = ?')
    params.push(filter.status)
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null
  return (v instanceof Date ? v : new Date(v as string)).toISOString()
}

function toSummary(r: Record<string, unknown>): InputSetSummary {
  return {
    label: String(r.label),
    status: r.status as RevisionStatus,
    revision: Number(r.number),
    config_version_id: Number(r.config_version_id),
    rows: Number(r.row_count),
    updated_at: iso(r.updated_at)!,
    approved_by: (r.approved_by as string | null) ?? null,
    approved_at: iso(r.approved_at),
    draft_revision: r.draft_revision === null || r.draft_revision === undefined ? null : Number(r.draft_revision),
  }
}
