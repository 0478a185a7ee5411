// plan_output.json: the plan as stored (periods in calendar order, items by name, summary),
// read back from the database so the file and the pages show the same figures.
import type { SqlConn } from '../db/sql'
import { dbIsoTime } from '../db/time'

export async function planOutput(conn: SqlConn, planId: number) {
  const plan = await conn.get<Record<string, unknown>>(
    `SELECT id, config_version_id, input_set_label, input_set_ref, revision_number, content_hash, created_by, created_at, summary_json FROM plan WHERE id = ?`,
    [planId],
  )
  if (!plan) throw new Error(`plan ${planId} not found`)
  const periods = await conn.all<Record<string, unknown>>(
    `SELECT period, demand, capacity, supply, backlog, utilisation FROM plan_period WHERE plan_id = ? ORDER BY position`,
    [planId],
  )
  const items = await conn.all<Record<string, unknown>>(
    `SELECT item, period, demand, receipts, inventory FROM plan_item_period WHERE plan_id = ? ORDER BY item, position`,
    [planId],
  )
  const n = (v: unknown) => (v === null ? null : Number(v))
  return {
    plan_id: Number(plan.id),
    config_version_id: Number(plan.config_version_id),
    input_set: { label: plan.input_set_label, ref: plan.input_set_ref, revision: n(plan.revision_number), content_hash: plan.content_hash },
    created_by: plan.created_by,
    created_at: dbIsoTime(plan.created_at),
    summary: JSON.parse(String(plan.summary_json)),
    periods: periods.map((p) => ({ period: p.period, demand: n(p.demand), capacity: n(p.capacity), supply: n(p.supply), backlog: n(p.backlog), utilisation: n(p.utilisation) })),
    items: items.map((r) => ({ item: r.item, period: r.period, demand: n(r.demand), receipts: n(r.receipts), inventory: n(r.inventory) })),
  }
}
