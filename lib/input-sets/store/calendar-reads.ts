// A revision's stored calendar, read the same way by the export, the portal's row pages and the
// diff: the header kept on the revision, its periods in calendar order and its weeks in order.
import type { SqlConn } from '../../db/sql'

/** The calendar header stored on the revision (type, week unit, unknown keys as JSON). */
export function readCalendarHeader(conn: SqlConn, revisionId: number) {
  return conn.db.selectFrom('input_set_revision').select(['calendar_type', 'week_unit', 'calendar_extra_json']).where('id', '=', revisionId).executeTakeFirst()
}

/** The periods by start date then name; `window` pages them. */
export function readCalendarPeriods(conn: SqlConn, revisionId: number, window?: { limit: number; offset: number }) {
  return conn.db
    .selectFrom('calendar_period')
    .select(['period', 'start_date', 'end_date', 'extra_json'])
    .where('revision_id', '=', revisionId)
    .orderBy('start_date')
    .orderBy('period')
    .$if(window !== undefined, (q) => q.limit(window!.limit).offset(window!.offset))
    .execute()
}

/** The weeks by period, sequence and code; `periods` narrows them to those periods. */
export function readCalendarWeeks(conn: SqlConn, revisionId: number, periods?: string[]) {
  return conn.db
    .selectFrom('calendar_week')
    .select(['period', 'week_code', 'sequence', 'start_date', 'end_date', 'weight', 'extra_json'])
    .where('revision_id', '=', revisionId)
    .$if(periods !== undefined, (q) => q.where('period', 'in', periods!))
    .orderBy('period')
    .orderBy('sequence')
    .orderBy('week_code')
    .execute()
}
