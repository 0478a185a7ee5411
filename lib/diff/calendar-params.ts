// Calendar (periods with their weeks) and planning params. Both are small — a few hundred
// periods, a handful of params — so each side is read whole and compared by key.
import type { SqlConn } from '../db/sql'
import { readCalendarHeader, readCalendarPeriods, readCalendarWeeks } from '../input-sets/store/calendar-reads'
import { readRevisionParams } from '../input-sets/store/inherited-context'
import { compareText, valueChange } from './compare'
import { SectionCollector, type CalendarDiff, type FieldChange, type Tolerance } from './types'

type Calendar = {
  header: Record<string, unknown>
  periods: Map<string, Record<string, unknown>>
}

async function readCalendar(conn: SqlConn, revisionId: number): Promise<Calendar> {
  const head = await readCalendarHeader(conn, revisionId)
  const periods = await readCalendarPeriods(conn, revisionId)
  const weeks = await readCalendarWeeks(conn, revisionId)
  const byPeriod = new Map<string, Record<string, unknown>>()
  for (const p of periods) {
    byPeriod.set(p.period, { start_date: p.start_date, end_date: p.end_date, ...parse(p.extra_json), weeks: {} })
  }
  for (const w of weeks) {
    const weekMap = byPeriod.get(w.period)?.weeks as Record<string, unknown> | undefined
    if (weekMap) {
      weekMap[w.week_code] = {
        sequence: w.sequence,
        start_date: w.start_date,
        end_date: w.end_date,
        weight: w.weight,
        ...parse(w.extra_json),
      }
    }
  }
  return {
    header: { calendar_type: head?.calendar_type ?? null, week_unit: head?.week_unit ?? null, ...parse(head?.calendar_extra_json) },
    periods: byPeriod,
  }
}

function parse(json: string | null | undefined): Record<string, unknown> {
  return typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : {}
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareText)
}

/** Field-by-field changes of two flat records; nested week maps are named `week_code.field`. */
function recordChanges(prev: Record<string, unknown>, cur: Record<string, unknown>, tol: Tolerance, prefix = ''): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {}
  for (const name of sortedUnion(Object.keys(prev), Object.keys(cur))) {
    const change = valueChange(prev[name], cur[name], tol)
    if (change) out[`${prefix}${name}`] = change
  }
  return out
}

export async function diffCalendar(conn: SqlConn, ids: { previous: number; current: number }, tol: Tolerance, limit: number) {
  const [prev, cur] = [await readCalendar(conn, ids.previous), await readCalendar(conn, ids.current)]
  const out = new SectionCollector(limit)
  for (const period of sortedUnion(prev.periods.keys(), cur.periods.keys())) {
    const p = prev.periods.get(period)
    const c = cur.periods.get(period)
    if (!p) out.added({ period, ...c })
    else if (!c) out.removed({ period, ...p })
    else {
      const { weeks: pw, ...pRest } = p as { weeks: Record<string, Record<string, unknown>> }
      const { weeks: cw, ...cRest } = c as { weeks: Record<string, Record<string, unknown>> }
      const fields = recordChanges(pRest, cRest, tol)
      // A week is identified by its code within the period (docs/bundles.md, "Columns").
      for (const code of sortedUnion(Object.keys(pw), Object.keys(cw))) {
        if (!pw[code] || !cw[code]) fields[`weeks.${code}`] = { previous: pw[code] ?? null, current: cw[code] ?? null }
        else Object.assign(fields, recordChanges(pw[code], cw[code], tol, `weeks.${code}.`))
      }
      const names = Object.keys(fields)
      if (names.length) out.changed({ key: { period }, fields, within_tolerance: names.every((n) => fields[n].within_tolerance === true) })
      else out.unchanged()
    }
  }
  const diff: CalendarDiff = { ...out.diff, header: recordChanges(prev.header, cur.header, tol) }
  return { counts: out.counts, diff }
}

export async function diffParams(conn: SqlConn, ids: { previous: number; current: number }, tol: Tolerance, limit: number) {
  const prev = (await readRevisionParams(conn, ids.previous)) ?? {}
  const cur = (await readRevisionParams(conn, ids.current)) ?? {}
  const out = new SectionCollector(limit)
  for (const key of sortedUnion(Object.keys(prev), Object.keys(cur))) {
    if (!(key in prev)) out.added({ key, value: cur[key] })
    else if (!(key in cur)) out.removed({ key, value: prev[key] })
    else {
      const change = valueChange(prev[key], cur[key], tol)
      if (change) out.changed({ key: { key }, fields: { value: change }, within_tolerance: change.within_tolerance === true })
      else out.unchanged()
    }
  }
  return { counts: out.counts, diff: out.diff }
}
