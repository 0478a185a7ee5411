// The demand and capacity totals a diff reports (docs/diff.md, "Chunk hashes"). Summing a section
// reads every row, which is most of what a diff of a small change would cost, so the import stores
// each total with the section (revision_section.value_total), computed by the same SUM the diff
// would run, so the figure is the same. Revisions imported before it was stored are summed on demand.
import type { SqlConn } from '../../db/sql'

/** The sections whose quantity a diff totals. */
export type TotalledStem = 'demand_family' | 'capacity'

/** One revision's sum of the section's quantity (0 when it has no rows), as a scalar subquery. */
function sumOf(conn: SqlConn, stem: TotalledStem, revisionId: number) {
  return stem === 'demand_family'
    ? conn.db
        .selectFrom('demand_row')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('demand'), eb.lit(0)).as('total'))
        .where('revision_id', '=', revisionId)
        .$asScalar()
    : conn.db
        .selectFrom('capacity_row')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('capacity'), eb.lit(0)).as('total'))
        .where('revision_id', '=', revisionId)
        .$asScalar()
}

/** Stores the total of a section whose rows and revision_section entry are written. */
export async function writeSectionTotal(conn: SqlConn, stem: TotalledStem, revisionId: number): Promise<void> {
  await conn.db
    .updateTable('revision_section')
    .set({ value_total: sumOf(conn, stem, revisionId) })
    .where('revision_id', '=', revisionId)
    .where('section', '=', stem)
    .execute()
}

/** A revision's total of the section: as stored, 0 if it has no such section, else summed now. */
export async function sectionTotal(conn: SqlConn, stem: TotalledStem, revisionId: number): Promise<number> {
  const stored = await conn.db
    .selectFrom('revision_section')
    .select('value_total')
    .where('revision_id', '=', revisionId)
    .where('section', '=', stem)
    .executeTakeFirst()
  if (!stored) return 0
  if (stored.value_total !== null) return stored.value_total
  const { total } = await conn.db.selectNoFrom(sumOf(conn, stem, revisionId).as('total')).executeTakeFirstOrThrow()
  return total
}
