// The changes requested on a label's pending draft, newest first: what the set's page shows its
// uploader while the draft waits (verbs/request-changes.ts). Requests on an earlier draft, since
// replaced by a new upload, are history only.
import { inputSetAction } from '../../audit/actions'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import { getSql } from '../../db/sql'
import { assertValidLabel } from '../labels'
import { findRevision } from '../store/resolve'

export type ChangeRequest = { revision: number; actor: string; comment: string; created_at: string }

/** At most this many are shown; the History tab has them all. */
const SHOWN = 5

export async function pendingChangeRequests(access: ReadAccess, label: string): Promise<ChangeRequest[]> {
  requireReadAccess(access)
  assertValidLabel(label)
  return getSql().withConnection(async (conn) => {
    const draft = await findRevision(conn, { label, kind: 'draft' })
    if (!draft) return []
    const rows = await conn.db
      .selectFrom('audit_event')
      .select(['actor_name', 'comment', 'created_at'])
      .where('input_set_id', '=', draft.inputSetId)
      .where('revision_id', '=', draft.revisionId)
      .where('action', '=', inputSetAction('request_changes'))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(SHOWN)
      .execute()
    return rows.map((r) => ({ revision: draft.number, actor: r.actor_name, comment: r.comment ?? '', created_at: new Date(r.created_at).toISOString() }))
  })
}
