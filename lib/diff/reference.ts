// Which revision a set is compared against (docs/diff.md, "The reference"): the choices offered by
// the page's picker (the label's own revisions first, then other labels' ready revisions), and
// the default when the caller does not say — for a draft, its label's ready revision; for any
// other revision, the label's previous ready revision (the newest ready or superseded one with a
// lower number). Never another label: comparing with an unrelated set is a choice, not a default.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql, type SqlConn } from '../db/sql'
import { InvalidError } from '../errors'
import { formatRef, type InputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../input-sets/store/resolve'
import { pinnedRef } from './refs'

export type ReferenceChoice = { ref: string; label: string; revision: number; status: string; config_version_id: number; same_label: boolean }

/** The default reference, or why there is none (a sentence without the advice, which depends on where it is shown). */
export type DefaultReference = { ref: InputSetRef; reason?: undefined } | { ref?: undefined; reason: string }

export type References = { choices: ReferenceChoice[]; fallback: DefaultReference }

const MAX_CHOICES = 200

/** This label's other revisions (newest first), then other labels' ready revisions (same config version first); and the default. */
export async function diffReferences(access: ReadAccess, ref: InputSetRef): Promise<References> {
  requireReadAccess(access)
  return getSql().withConnection(async (conn) => {
    const current = await resolveRevisionOrThrow(conn, ref)
    const own = await ownRevisions(conn, current)
    const others = await otherLabels(conn, current)
    return { choices: [...own, ...others], fallback: await defaultReference(conn, ref, current) }
  })
}

/** The reference the caller named, else the default; a 400 `no_reference` saying why when there is none. */
export async function referenceOrThrow(access: ReadAccess, current: InputSetRef, against: InputSetRef | undefined, advice: string): Promise<InputSetRef> {
  requireReadAccess(access)
  if (against) return against
  const fallback = await getSql().withConnection(async (conn) => defaultReference(conn, current, await resolveRevisionOrThrow(conn, current)))
  if (fallback.ref) return fallback.ref
  throw new InvalidError(`${fallback.reason} ${advice}`, { field: 'against' }, 'no_reference')
}

async function defaultReference(conn: SqlConn, asked: InputSetRef, current: ResolvedRevision): Promise<DefaultReference> {
  const revisions = conn.db.selectFrom('input_set_revision').select(['number']).where('input_set_id', '=', current.inputSetId).orderBy('number', 'desc').limit(1)
  const named = `'${formatRef(asked)}'${asked.kind === 'number' ? '' : ` (r${current.number})`}`
  if (current.status === 'draft') {
    // The bare label: it names exactly the ready revision, and reads as "the draft against the label".
    const ready = await revisions.where('status', '=', 'ready').executeTakeFirst()
    if (ready) return { ref: { label: current.label, kind: 'current' } }
    return { reason: `Nothing to compare ${named} against by default: it is a draft and ${current.label} has no ready revision.` }
  }
  // A superseded revision was ready until a newer one was approved: the label's earlier ready data.
  const previous = await revisions.where('status', 'in', ['ready', 'superseded']).where('number', '<', current.number).executeTakeFirst()
  if (previous) return { ref: pinnedRef({ label: current.label, number: previous.number }) }
  return { reason: `Nothing to compare ${named} against by default: ${current.label} has no ready revision before r${current.number}.` }
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
    ref: formatRef(pinnedRef({ label: current.label, number: r.number })),
    label: current.label,
    revision: r.number,
    status: r.status,
    config_version_id: current.configVersionId,
    same_label: true,
  }))
}

async function otherLabels(conn: SqlConn, current: ResolvedRevision): Promise<ReferenceChoice[]> {
  const rows = await conn.db
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
  // Another label's ready revision is addressed by the bare label: what a person would type.
  return rows.map((r) => ({ ref: r.label, label: r.label, revision: r.number, status: r.status, config_version_id: r.config_version_id, same_label: false }))
}
