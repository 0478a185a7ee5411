// Input sets for the diff spec, imported through the real import code: the two reference
// bundles (approved) and a crafted pair whose differences are known exactly.
import fs from 'node:fs'
import path from 'node:path'
import { openBundle } from '../lib/input-sets/bundle/bundle-source'
import { importBundle } from '../lib/input-sets/verbs/import-bundle'
import { reviewInputSet } from '../lib/input-sets/verbs/review'
import { REFERENCE } from '../test/helpers/fixtures'

export const DIFF_SETS = {
  planning: 'ref-planning',
  weekly: 'ref-weekly',
  craftedBase: 'crafted-base',
  craftedNext: 'crafted-next',
  /** Three revisions of one label: r1 and r2 approved (r1 now superseded), r3 a draft. */
  revised: 'revised',
}

/** crafted-next against crafted-base: F1 2025-02 +20, F2 2025-01 removed, F3 2025-01 added; WC1 2025-02 −50. */
const BASE_DEMAND = 'family,period,demand\nF1,2025-01,100\nF1,2025-02,120\nF2,2025-01,80\n'
const NEXT_DEMAND = 'family,period,demand\nF1,2025-01,100\nF1,2025-02,140\nF3,2025-01,50\n'

const importer = { kind: 'system' as const, id: 'system:e2e-import', name: 'e2e import' }
const approver = { kind: 'system' as const, id: 'system:e2e-approve', name: 'e2e approver' }

async function importDraft(dir: string, label: string): Promise<void> {
  const source = await openBundle(dir)
  try {
    const { report } = await importBundle({ source, label, configVersionId: 1, actor: importer })
    if (!report.ok) throw new Error(`e2e seed: ${label} did not import: ${JSON.stringify(report.issues.slice(0, 3))}`)
  } finally {
    source.close()
  }
}

async function importAndApprove(dir: string, label: string): Promise<void> {
  await importDraft(dir, label)
  await reviewInputSet({ ref: `${label}@draft`, action: 'approve', actor: approver, comment: 'e2e seed' })
}

function variant(root: string, name: string, demand: string, capacityEdit: (text: string) => string): string {
  const dir = path.join(root, name)
  fs.cpSync(REFERENCE.planning, dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'demand_family.csv'), demand)
  const capacity = path.join(dir, 'capacity.csv')
  fs.writeFileSync(capacity, capacityEdit(fs.readFileSync(capacity, 'utf8')))
  return dir
}

export async function seedDiffSets(root: string): Promise<void> {
  await importAndApprove(REFERENCE.planning, DIFF_SETS.planning)
  await importAndApprove(REFERENCE.weekly, DIFF_SETS.weekly)
  await importAndApprove(
    variant(root, 'crafted-base', BASE_DEMAND, (t) => t),
    DIFF_SETS.craftedBase,
  )
  await importAndApprove(
    variant(root, 'crafted-next', NEXT_DEMAND, (t) => t.replace('WC1,2025-02,500', 'WC1,2025-02,450')),
    DIFF_SETS.craftedNext,
  )
  // revised: r1 as crafted-base, r2 as crafted-next (approved), r3 a draft with F1 2025-01 at 105.
  await importAndApprove(path.join(root, 'crafted-base'), DIFF_SETS.revised)
  await importAndApprove(path.join(root, 'crafted-next'), DIFF_SETS.revised)
  await importDraft(
    variant(root, 'revised-draft', NEXT_DEMAND.replace('F1,2025-01,100', 'F1,2025-01,105'), (t) => t.replace('WC1,2025-02,500', 'WC1,2025-02,450')),
    DIFF_SETS.revised,
  )
}
