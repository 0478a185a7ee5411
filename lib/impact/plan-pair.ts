// The two plans of a planning impact (docs/impact.md), computed side by side so that they share
// work: the SKU split of an item is the same in both revisions when every family feeding it has
// the same demand and mix rows in both (equal chunk hashes, docs/diff.md#chunk-hashes) and the
// calendars are equal (the split takes the mix in effect at each period's start). Those items'
// split rows are read once and projected into both plans; only the items a differing family
// feeds are split per revision, from the demand of the families feeding them. The plans are the
// same as computed apart (computePlanCore).
import type { SqlConn } from '../db/sql'
import { planSectionDiff } from '../diff/chunks'
import { itemRuns } from '../plans/projected-inventory'
import { PlanInProgress, type PlanCore, type PlanItemRow } from '../plans/rough-cut'
import { streamSkuDemand, type CalendarRow } from '../plans/rough-cut-sums'

type Pair<T> = { current: T; reference: T }

/** Both plans' cores, and how many items' split rows were read once for both. */
export type PlanPair = Pair<PlanCore> & { sharedItems: number }

export async function computePlanPair(conn: SqlConn, ids: Pair<number>, onItemRow: Pair<(row: PlanItemRow) => void>): Promise<PlanPair> {
  const current = await PlanInProgress.start(conn, ids.current, onItemRow.current)
  const reference = await PlanInProgress.start(conn, ids.reference, onItemRow.reference)
  const split = sameCalendar(current.calendar, reference.calendar) ? await splitApart(conn, ids) : undefined
  let sharedItems = 0
  // Each split streams alone: nothing else may run on the connection while one does.
  if (split === undefined) {
    await current.projection.add(streamSkuDemand(conn, ids.current))
    await reference.projection.add(streamSkuDemand(conn, ids.reference))
  } else {
    for await (const [item, rows] of itemRuns(streamSkuDemand(conn, ids.reference, { except: split.only }))) {
      current.projection.item(item, rows)
      reference.projection.item(item, rows)
      sharedItems++
    }
    if (split.only.length) {
      await current.projection.add(streamSkuDemand(conn, ids.current, split))
      await reference.projection.add(streamSkuDemand(conn, ids.reference, split))
    }
  }
  return { current: current.finish(), reference: reference.finish(), sharedItems }
}

function sameCalendar(a: CalendarRow[], b: CalendarRow[]): boolean {
  return a.length === b.length && a.every((p, i) => p.period === b[i].period && p.start_date === b[i].start_date && p.end_date === b[i].end_date)
}

/**
 * The SKUs to split per revision, those a family with differing demand or mix rows feeds in
 * either revision, and every family feeding them; undefined when the chunks cannot tell: a
 * revision without chunk hashes, or so many differing rows that the diff would join every row
 * (lib/diff/chunks.ts), where sharing would save little.
 */
async function splitApart(conn: SqlConn, ids: Pair<number>): Promise<{ only: string[]; families: string[] } | undefined> {
  const differing = new Set<string>()
  for (const stem of ['demand_family', 'mix_share'] as const) {
    const plan = await planSectionDiff(conn, stem, { previous: ids.reference, current: ids.current })
    if (plan.kind === 'all-rows') return undefined
    for (const family of plan.keys) differing.add(family)
  }
  if (!differing.size) return { only: [], families: [] }
  // One row per family and SKU: far fewer than the demand rows the split reads.
  const feeds = await conn.db.selectFrom('mix_share_row').select(['family', 'sku']).distinct().where('revision_id', 'in', [ids.current, ids.reference]).execute()
  const only = new Set(feeds.filter((f) => differing.has(f.family)).map((f) => f.sku))
  const families = new Set(feeds.filter((f) => only.has(f.sku)).map((f) => f.family))
  return { only: [...only], families: [...families] }
}
