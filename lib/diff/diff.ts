// Compares two revisions (docs/diff.md, "What is compared"): every CSV section row by row, calendar
// and params, demand/capacity totals and pivots. `current` is the set under review, `reference` the
// one it is compared against; tolerances come from the current set.
import { getSql } from '../db/sql'
import { toleranceOf } from '../input-sets/bundle/params'
import { CSV_STEMS } from '../input-sets/bundle/sections'
import type { InputSetRef } from '../input-sets/labels'
import { readRevisionParams } from '../input-sets/store/inherited-context'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../input-sets/store/resolve'
import { diffCalendar, diffParams } from './calendar-params'
import { diffCsvSection } from './csv-sections'
import { pivotsAndTotals } from './pivots'
import type { DiffReport, RevisionInfo } from './types'

export type { DiffReport } from './types'

export const DEFAULT_DIFF_LIMIT = 1000

/**
 * The most entries per kind (added/removed/changed) and section that a background diff job
 * keeps in its cached report; the REST API and the page paginate within it. Counts stay
 * exact and `truncated` says when lists were cut.
 */
export const JOB_LIST_LIMIT = 50_000

export type DiffOptions = {
  /** Most rows listed per kind (added/removed/changed) and section; counts stay exact. */
  limit?: number
}

export async function diffRevisions(currentRef: InputSetRef, referenceRef: InputSetRef, o: DiffOptions = {}): Promise<DiffReport> {
  const limit = o.limit ?? DEFAULT_DIFF_LIMIT
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0; got ${limit}`)
  const sql = getSql()
  // Both refs are resolved before any work, so an unknown one fails fast with the label hint.
  const [current, reference] = await sql.withConnection(async (conn) => [
    await resolveRevisionOrThrow(conn, currentRef),
    await resolveRevisionOrThrow(conn, referenceRef),
  ])
  const ids = { previous: reference.revisionId, current: current.revisionId }
  // One connection: the database joins the two revisions, so no side is streamed alone.
  return sql.withConnection(async (conn) => {
    const tolerance = toleranceOf(await readRevisionParams(conn, current.revisionId))
    const report: DiffReport = {
      label: current.label,
      against: reference.label,
      revisions: { current: revisionInfo(current), reference: revisionInfo(reference) },
      tolerance,
      limit,
      summary: { sections: {}, demand_total: zeroTotal(), capacity_total: zeroTotal() },
      sections: {},
      pivots: { demand: [], capacity: [] },
    }
    const pivots = pivotsAndTotals()
    for (const stem of CSV_STEMS) {
      const section = await diffCsvSection(stem, conn, ids, tolerance, limit, pivots.observers[stem])
      report.summary.sections[stem] = section.counts
      report.sections[stem] = section.diff
    }
    for (const [stem, run] of [
      ['planning_calendar', diffCalendar],
      ['planning_params', diffParams],
    ] as const) {
      const section = await run(conn, ids, tolerance, limit)
      report.summary.sections[stem] = section.counts
      report.sections[stem] = section.diff
    }
    const { pivots: cells, demand_total, capacity_total } = await pivots.finish(conn, ids)
    Object.assign(report.summary, { demand_total, capacity_total })
    report.pivots = cells
    return report
  })
}

/** A revision as reports name it. */
export function revisionInfo(r: ResolvedRevision): RevisionInfo {
  return { label: r.label, revision: r.number, content_hash: r.contentHash }
}

const zeroTotal = () => ({ current: 0, reference: 0, delta: 0 })
