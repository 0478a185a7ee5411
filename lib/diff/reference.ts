// Which revision a set is compared against (docs/diff.md, "The reference"): the choices offered by
// the page's picker, and the default among them when the caller does not say — the label's ready
// revision when viewing another revision of it (a draft), else the newest ready set of the same
// config version.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql, type SqlConn } from '../db/sql'
import { InvalidError } from '../errors'
import { parseInputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../input-sets/store/resolve'

export type ReferenceChoice = { ref: string; label: string; revision: number; status: string; config_version_id: number; same_label: boolean }

export type References = { choices: ReferenceChoice[]; defaultRef: string | undefined }

const MAX_CHOICES = 200

/** This label's other revisions, then ready sets (same config version first), newest first; and the default. */
export async function diffReferences(access: ReadAccess, label: string): Promise<References> {
  requireReadAccess(access)
  return getSql().withConnection(async (conn) => {
    const current = await resolveRevisionOrThrow(conn, parseInputSetRef(label))
    const own = await ownRevisions(conn, current)
    const others = await conn.db
      .selectFrom('input_set as s')
      .innerJoin('input_set_revision as r', 'r.input_set_id', 's.id')
      .select(['s.label', 's.config_version_id', 'r.number', 'r.status'])
      .where('r.status', '=', 'ready')
      .where('s.id', '<>', current.inputSetId)
      .orderBy((eb) => eb.case().when('s.config_version_id', '=', current.configVersionId).then(eb.lit(0)).else(eb.lit(1)).end())
      .orderBy('r.approved_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(MAX_CHOICES)
      .execute()
    const choices = [
      ...own,
      ...others.map((r) => ({
        ref: r.label,
        label: r.label,
        revision: r.number,
        status: r.status,
        config_version_id: r.config_version_id,
        same_label: false,
      })),
    ]
    // Own revisions exclude the one viewed, so a ready one among them is "the label's ready revision".
    const fallback = choices.find((c) => c.status === 'ready' && (c.same_label || c.config_version_id === current.configVersionId))
    return { choices, defaultRef: fallback?.ref }
  })
}

async function ownRevisions(conn: SqlConn, current: ResolvedRevision): Promise<ReferenceChoice[]> {
  const rows = await conn.db
    .selectFrom('input_set_revision')
    .select(['number', 'status'])
    .where('input_set_id', '=', current.inputSetId)
    .where('id', '<>', current.revisionId)
    .orderBy('number', 'desc')
    .limit(MAX_CHOICES)
    .execute()
  return rows.map((r) => ({
    // The ready revision is addressed by the bare label, so the default and the picker agree.
    ref: r.status === 'ready' ? current.label : `${current.label}@${r.number}`,
    label: current.label,
    revision: r.number,
    status: r.status,
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
