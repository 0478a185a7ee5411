// Computes the planning impact of two revisions (docs/impact.md): the rough-cut plan of each
// (the database does the sums), compared. One plan's item rows at a time are in memory: each
// plan is reduced to its digest before the next is computed.
import { getSql } from '../db/sql'
import { revisionInfo } from '../diff/diff'
import { impactLimitsOf } from '../input-sets/bundle/params'
import type { InputSetRef } from '../input-sets/labels'
import { readRevisionParams } from '../input-sets/store/inherited-context'
import { resolveRevisionOrThrow } from '../input-sets/store/resolve'
import { computeRoughCut } from '../plans/rough-cut'
import { compareRoughCuts, digestPlan } from './compare'
import type { ImpactReport } from './schema'

export async function computeImpact(currentRef: InputSetRef, referenceRef: InputSetRef): Promise<ImpactReport> {
  return getSql().withConnection(async (conn) => {
    // Both refs are resolved before any work, so an unknown one fails fast with the label hint.
    const current = await resolveRevisionOrThrow(conn, currentRef)
    const reference = await resolveRevisionOrThrow(conn, referenceRef)
    const limits = impactLimitsOf(await readRevisionParams(conn, current.revisionId))
    const now = digestPlan(await computeRoughCut(conn, current.revisionId))
    const before = digestPlan(await computeRoughCut(conn, reference.revisionId))
    return {
      label: current.label,
      against: reference.label,
      revisions: { current: revisionInfo(current), reference: revisionInfo(reference) },
      ...compareRoughCuts(now, before, limits),
    }
  })
}
