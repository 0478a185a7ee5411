// What cross-section checks need from sections an upload inherits instead of carrying:
// the calendar's periods and horizon, the item list, the families with mix rows.
import type { SqlConn } from '../../db/sql'
import type { Calendar } from '../bundle/calendar'
import type { CheckContext } from '../bundle/cross-checks'
import type { Params } from '../bundle/params'

export async function inheritedCalendar(conn: SqlConn, revisionId: number): Promise<CheckContext['calendar']> {
  const rows = await conn.db.selectFrom('calendar_period').select(['period', 'end_date']).where('revision_id', '=', revisionId).execute()
  if (!rows.length) return undefined
  return calendarCheck(rows)
}

export function calendarCheck(periods: { period: string; end_date: string }[]): CheckContext['calendar'] {
  const horizonEnd = periods.reduce<string | null>((max, p) => (max === null || p.end_date > max ? p.end_date : max), null)
  return { periods: new Set(periods.map((p) => p.period)), horizonEnd }
}

export function uploadedCalendarCheck(cal: Calendar | undefined): CheckContext['calendar'] {
  return cal?.periods.length ? calendarCheck(cal.periods) : undefined
}

export async function inheritedItems(conn: SqlConn, revisionId: number): Promise<Set<string> | undefined> {
  const rows = await conn.db.selectFrom('item_row').select('item').where('revision_id', '=', revisionId).execute()
  return rows.length ? new Set(rows.map((r) => r.item)) : undefined
}

export async function inheritedMixFamilies(conn: SqlConn, revisionId: number): Promise<Set<string> | undefined> {
  const rows = await conn.db.selectFrom('mix_share_row').select('family').distinct().where('revision_id', '=', revisionId).execute()
  return rows.length ? new Set(rows.map((r) => r.family)) : undefined
}

/** A revision's planning_params as stored (inherited uploads and diffs read them alike). */
export async function readRevisionParams(conn: SqlConn, revisionId: number): Promise<Params | undefined> {
  const rows = await conn.db.selectFrom('planning_param').select(['key', 'value_json']).where('revision_id', '=', revisionId).execute()
  return rows.length ? Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json)])) : undefined
}
