// A small hand-computable bundle for plan tests, and a shortcut to make it a ready revision.
import { importBundle } from '../../lib/input-sets/verbs/import-bundle'
import { reviewInputSet } from '../../lib/input-sets/verbs/review'
import { csv, ensureConfigVersion, memoryBundle, monthlyCalendar, type Files } from './bundles'
import { alice, bob } from './input-sets'

/**
 * Q1 2025. Demand 180 / 160 / 80 against capacity 150 / 0 / 300 (two workcenters in March);
 * F3 has no mix rows; SKU1's first PO is due before the horizon, SKU3's after it, SKU2's names
 * the period key 2025-03. The expected plan is spelled out in lib/plans/rough-cut.test.ts.
 */
export function planFiles(): Files {
  return {
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,100', 'F1,2025-02,120', 'F1,2025-03,50', 'F2,2025-01,80', 'F2,2025-02,40', 'F3,2025-03,30'),
    'capacity.csv': csv('workcenter,period,capacity', 'WC1,2025-01,150', 'WC1,2025-02,0', 'WC1,2025-03,200', 'WC2,2025-03,100'),
    'mix_share.csv': csv('family,sku,share', 'F1,SKU1,0.6', 'F1,SKU2,0.4', 'F2,SKU3,1'),
    'inventory.csv': csv('item,loc,qty', 'SKU1,WH1,50', 'SKU1,WH2,25', 'SKU3,WH1,100', 'COMP1,WH1,200'),
    'open_po.csv': csv('item,due,qty,po_id', 'SKU1,2024-12-15,10,P1', 'SKU1,2025-02-10,100,P2', 'SKU2,2025-03,30,P3', 'SKU3,2025-06-01,500,P4'),
    'item.csv': csv('item,lt,lot,moq', 'SKU1,7,1,0', 'SKU2,7,1,0', 'SKU3,5,1,0', 'COMP1,14,1,0'),
    'planning_calendar.json': monthlyCalendar(['2025-01', '2025-02', '2025-03']),
  }
}

/** Imports `files` as a draft of `label` (alice) and, unless told otherwise, approves it (bob). */
export async function readySet(label: string, files: Files = planFiles(), o: { approve?: boolean; configVersionId?: number; inherit?: boolean } = {}) {
  const configVersionId = o.configVersionId ?? 1
  await ensureConfigVersion(configVersionId)
  const source = memoryBundle(files)
  try {
    const { report } = await importBundle({ source, label, configVersionId, actor: alice, inherit: o.inherit ?? true })
    if (!report.ok) throw new Error(`import of ${label} failed: ${JSON.stringify(report.issues)}`)
    if (o.approve !== false) await reviewInputSet({ ref: `${label}@${report.revision}`, action: 'approve', actor: bob })
    return report
  } finally {
    source.close()
  }
}
