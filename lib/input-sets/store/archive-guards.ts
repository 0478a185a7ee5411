// What still references a revision, so archiving it can be refused: plans and runs made from it
// (docs/plans-and-runs.md, "Archiving a referenced revision"). Read straight from their tables
// inside the archiving transaction, not through hooks registered at import time: Next.js bundles
// route handlers and server actions into separate module graphs, and a registry filled in one graph
// is empty in another.
import type { SqlConn } from '../../db/sql'
import type { ResolvedRevision } from './resolve'

/** How many plan and run ids a refusal names before it summarises the rest. */
const NAMED = 10

export async function referencesOf(conn: SqlConn, revision: ResolvedRevision): Promise<string[]> {
  const found: string[] = []
  for (const table of ['plan', 'run'] as const) {
    const madeFrom = conn.db.selectFrom(table).where('revision_id', '=', revision.revisionId)
    const { total } = await madeFrom.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
    const ids = await madeFrom.select('id').orderBy('id').limit(NAMED).execute()
    found.push(...ids.map((r) => `${table} ${r.id}`))
    const more = total - ids.length
    if (more > 0) found.push(`${more} more ${table}s`)
  }
  return found
}
