// Computes the planning impact of two revisions (docs/impact.md): the rough-cut plan of each
// (the database does the sums; the SKU split of items whose families are unchanged is read once
// for both, plan-pair.ts), compared. No plan's item × period rows are kept: each row is folded
// into its item's low point as the plan produces it. Only what the report uses is computed: not
// the plan's checks (families without mix) nor its rows in name order.
import { getSql } from '../db/sql'
import { revisionInfo } from '../diff/diff'
import { impactLimitsOf } from '../input-sets/bundle/params'
import type { InputSetRef } from '../input-sets/labels'
import { readRevisionParams } from '../input-sets/store/inherited-context'
import { resolveRevisionOrThrow } from '../input-sets/store/resolve'
import { compareRoughCuts, planDigester } from './compare'
import { computePlanPair } from './plan-pair'
import type { ImpactReport } from './schema'

export async function computeImpact(currentRef: InputSetRef, referenceRef: InputSetRef): Promise<ImpactReport> {
  return getSql().withConnection(async (conn) => {
    // Both refs are resolved before any work, so an unknown one fails fast with the label hint.
    const current = await resolveRevisionOrThrow(conn, currentRef)
    const reference = await resolveRevisionOrThrow(conn, referenceRef)
    const limits = impactLimitsOf(await readRevisionParams(conn, current.revisionId))
    const [now, before] = [planDigester(), planDigester()]
    const plans = await computePlanPair(
      conn,
      { current: current.revisionId, reference: reference.revisionId },
      { current: now.onItemRow, reference: before.onItemRow },
    )
    return {
      label: current.label,
      against: reference.label,
      revisions: { current: revisionInfo(current), reference: revisionInfo(reference) },
      ...compareRoughCuts(now.digest(plans.current), before.digest(plans.reference), limits),
    }
  })
}
