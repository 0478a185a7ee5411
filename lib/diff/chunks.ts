// Which chunks of a CSV section differ between two revisions (docs/diff.md, "Chunk hashes"). Two
// chunks with the same leading key value and hash hold the same rows, so the join only needs the
// rows of chunks whose hash differs or that one side lacks. It falls back to joining every row when
// a revision has no chunk hashes (imported before they were stored) or when most chunks differ,
// where restricting the join would cost more than it saves.
import type { SqlConn } from '../db/sql'
import type { CsvStem } from '../input-sets/bundle/sections'

/** Above this share of both revisions' rows in differing chunks, the plain join is as quick. */
const MOST_ROWS = 1 / 3

export type ChunkPlan = {
  /** How many rows the reference revision's section holds: each is removed, changed or unchanged. */
  referenceRows: number
} & (
  | { kind: 'all-rows' }
  /** Join only rows whose leading key value is in `keys` (none: the sections are equal). */
  | { kind: 'chunks'; keys: string[] }
)

type Ids = { previous: number; current: number }

export async function planSectionDiff(conn: SqlConn, stem: CsvStem, ids: Ids): Promise<ChunkPlan> {
  const [previous, current] = [await sectionRows(conn, stem, ids.previous), await sectionRows(conn, stem, ids.current)]
  const referenceRows = previous.rows
  if (!previous.chunked || !current.chunked) return { kind: 'all-rows', referenceRows }
  const differing = await differingChunks(conn, stem, ids)
  const rows = differing.reduce((n, c) => n + c.rows, 0)
  if (rows > MOST_ROWS * (previous.rows + current.rows)) return { kind: 'all-rows', referenceRows }
  return { kind: 'chunks', keys: [...new Set(differing.map((c) => c.lead_key))], referenceRows }
}

/**
 * The section's row count as the import recorded it (a section the revision does not have holds
 * 0 rows), and whether its chunk hashes cover every row.
 */
async function sectionRows(conn: SqlConn, stem: CsvStem, revisionId: number): Promise<{ rows: number; chunked: boolean }> {
  const stored = await conn.db.selectFrom('revision_section').select('rows').where('revision_id', '=', revisionId).where('section', '=', stem).executeTakeFirst()
  const { chunked } = await conn.db
    .selectFrom('section_chunk')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('rows'), eb.lit(0)).as('chunked'))
    .where('revision_id', '=', revisionId)
    .where('section', '=', stem)
    .executeTakeFirstOrThrow()
  const rows = stored?.rows ?? 0
  return { rows, chunked: Number(chunked) === rows }
}

/** Chunks of either revision without an equal chunk (same leading key value and hash) on the other side. */
async function differingChunks(conn: SqlConn, stem: CsvStem, ids: Ids): Promise<{ lead_key: string; rows: number }[]> {
  const onlyIn = (side: number, other: number) =>
    conn.db
      .selectFrom('section_chunk as a')
      .select(['a.lead_key', 'a.rows'])
      .where('a.revision_id', '=', side)
      .where('a.section', '=', stem)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('section_chunk as b')
              .select('b.lead_key')
              .where('b.revision_id', '=', other)
              .where('b.section', '=', stem)
              .whereRef('b.lead_key', '=', 'a.lead_key')
              .whereRef('b.sha256', '=', 'a.sha256'),
          ),
        ),
      )
  return onlyIn(ids.previous, ids.current).unionAll(onlyIn(ids.current, ids.previous)).execute()
}
