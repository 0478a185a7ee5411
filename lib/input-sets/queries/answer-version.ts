// What an answer about one revision is made of, found with the ref's lookup (and for the detail and
// the export one small query more) before the answer itself is built, so a client's cached copy
// can be confirmed without reading a row (lib/http/conditional.ts, docs/api.md "Caching").
// Section rows belong to one revision and never change, so its content hash stands for them; the
// review fields (status, approval, comments, the label's history) do change and are listed as state.
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import { getSql, type SqlConn } from '../../db/sql'
import { formatRef, parseInputSetRef } from '../labels'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../store/resolve'

export type RevisionVersion = {
  /** `label@N` of the revision the ref names now; the answer is built from exactly this revision. */
  pinnedRef: string
  /** The ref itself named the revision by number, so it cannot move to another one. */
  pinned: boolean
  contentHash: string
}

/** A revision's content: what its section rows answers are made of. */
export function revisionVersion(access: ReadAccess, refText: string): Promise<RevisionVersion> {
  return versionWith(access, refText, async () => undefined)
}

/** Plus the review fields the detail shows: every revision of the label (its history) with its status, approval and comments. */
export function detailVersion(access: ReadAccess, refText: string): Promise<RevisionVersion & { state: unknown }> {
  return versionWith(access, refText, (conn, target) =>
    conn.db
      .selectFrom('input_set_revision')
      .select([
        'number',
        'status',
        'content_hash',
        'uploaded_by',
        'uploaded_at',
        'approved_by',
        'approved_at',
        'approved_hash',
        'review_comment',
        'upload_comment',
        'source_name',
      ])
      .where('input_set_id', '=', target.inputSetId)
      .orderBy('number')
      .execute(),
  )
}

/** Plus what an export's datapackage.json records besides content: the revision's status and approval. */
export function exportVersion(access: ReadAccess, refText: string): Promise<RevisionVersion & { state: unknown }> {
  return versionWith(access, refText, async (conn, target) => {
    const review = await conn.db
      .selectFrom('input_set_revision')
      .select(['approved_by', 'approved_at'])
      .where('id', '=', target.revisionId)
      .executeTakeFirstOrThrow()
    return [target.status, review.approved_by, review.approved_at]
  })
}

async function versionWith<S>(
  access: ReadAccess,
  refText: string,
  readState: (conn: SqlConn, target: ResolvedRevision) => Promise<S>,
): Promise<RevisionVersion & { state: S }> {
  requireReadAccess(access)
  const ref = parseInputSetRef(refText)
  return getSql().withConnection(async (conn) => {
    const target = await resolveRevisionOrThrow(conn, ref)
    return {
      pinnedRef: formatRef({ label: target.label, kind: 'number', number: target.number }),
      pinned: ref.kind === 'number',
      contentHash: target.contentHash,
      state: await readState(conn, target),
    }
  })
}
