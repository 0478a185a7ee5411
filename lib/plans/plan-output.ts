// plan_output.json: the plan as stored (periods in calendar order, items by name, summary),
// read back from the database so the file and the pages show the same figures.
import type { SqlConn } from '../db/sql'

export async function planOutput(conn: SqlConn, planId: number) {
  const plan = await conn.db
    .selectFrom('plan')
    .select(['id', 'config_version_id', 'input_set_label', 'input_set_ref', 'revision_number', 'content_hash', 'created_by', 'created_at', 'summary_json'])
    .where('id', '=', planId)
    .executeTakeFirst()
  if (!plan) throw new Error(`plan ${planId} not found`)
  // Each row is written as selected: these columns, in this order, are the file's fields.
  const periods = await conn.db
    .selectFrom('plan_period')
    .select(['period', 'demand', 'capacity', 'supply', 'backlog', 'utilisation'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
  const items = await conn.db
    .selectFrom('plan_item_period')
    .select(['item', 'period', 'demand', 'receipts', 'inventory'])
    .where('plan_id', '=', planId)
    .orderBy('item')
    .orderBy('position')
    .execute()
  return {
    plan_id: plan.id,
    config_version_id: plan.config_version_id,
    input_set: { label: plan.input_set_label, ref: plan.input_set_ref, revision: plan.revision_number, content_hash: plan.content_hash },
    created_by: plan.created_by,
    created_at: plan.created_at.toISOString(),
    summary: JSON.parse(plan.summary_json),
    periods,
    items,
  }
}
