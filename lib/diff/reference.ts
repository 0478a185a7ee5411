// Which revision a set is compared against (docs/diff.md, "The reference"): the choices offered by
// the page's picker, and the default among them when the caller does not say — the label's ready
// revision when viewing another revision of it (a draft), else the newest ready set of the same
// config version.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql, type SqlConn } from '../db/sql'
import { InvalidError } from '../errors'
import { parseInputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../input-sets/resolve'

export type ReferenceChoice = { ref: string; label: string; revision: number; status: string; config_version_id: number; same_label: boolean }

export type References = { choices: ReferenceChoice[]; defaultRef: string | undefined }

const MAX_CHOICES = 200

/** This label's other revisions, then ready sets (same config version first), newest first; and the default. */
export async function diffReferences(access: ReadAccess, label: string): Promise<References> {
  requireReadAccess(access)
  return getSql().withConnection(async (conn) => {
    const current = await resolveRevisionOrThrow(conn, parseInputSetRef(label))
    const own = await ownRevisions(conn, current)
    const others = await conn.all<Record<string, unknown>>(
      `SELECT s.label, s.config_version_id, r.number, r.status FROM input_set s JOIN input_set_revision r ON r.input_set_id = s.id
       WHERE r.status = 'ready' AND s.id <> ?
       ORDER BY CASE WHEN s.config_version_id = ? THEN 0 ELSE 1 END, r.approved_at DESC, r.id DESC LIMIT ?`,
      [current.inputSetId, current.configVersionId, MAX_CHOICES],
    )
    const choices = [
      ...own,
      ...others.map((r) => ({
        ref: String(r.label),
        label: String(r.label),
        revision: Number(r.number),
        status: String(r.status),
        config_version_id: Number(r.config_version_id),
        same_label: false,
      })),
    ]
    // Own revisions exclude the one viewed, so a ready one among them is "the label's ready revision".
    const fallback = choices.find((c) => c.status === 'ready' && (c.same_label || c.config_version_id === current.configVersionId))
    return { choices, defaultRef: fallback?.ref }
  })
}

async function ownRevisions(conn: SqlConn, current: ResolvedRevision): Promise<ReferenceChoice[]> {
  const rows = await conn.all<{ number: number; status: string }>(
    `SELECT number, status FROM input_set_revision WHERE input_set_id = ? AND id <> ? ORDER BY number DESC LIMIT ?`,
    [current.inputSetId, current.revisionId, MAX_CHOICES],
  )
  return rows.map((r) => ({
    // The ready revision is addressed by the bare label, so the default and the picker agree.
    ref: r.status === 'ready' ? current.label : `${current.label}@${r.number}`,
    label: current.label,
    revision: Number(r.number),
    status: String(r.status),
    config_version_id: current.configVersionId,
    same_label: true,
  }))
}

/** The reference the caller named, else the default; a clear 400 when there is none. */
export async function referenceOrThrow(access: ReadAccess, label: string, against: string | undefined): Promise<string> {
  if (against) return against
  const { defaultRef } = await diffReferences(access, label)
  if (defaultRef) return defaultRef
  throw new InvalidError(
    `Nothing to compare '${label}' against: it has no other ready revision and no other set of its config version is ready. Pass ?against=<label>.`,
    { field: 'against' },
    'no_reference',
  )
}
