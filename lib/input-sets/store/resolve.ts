// Resolves `label`, `label@draft` and `label@N` to one revision
// (docs/revisions.md, "Labels and references"): the label
// alone means its ready revision, else its newest.
import { sql } from 'kysely'
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import { literal, ONE_ROW, type Db } from '../../db/query'
import { getSql, type SqlConn } from '../../db/sql'
import { preparedQuery } from '../../db/prepared'
import { InvalidError, NotFoundError } from '../../errors'
import { formatRef, parseInputSetRef, type InputSetRef, type RevisionStatus } from '../labels'

export type ResolvedRevision = {
  inputSetId: number
  label: string
  configVersionId: number
  revisionId: number
  number: number
  status: RevisionStatus
  contentHash: string
  uploadedBy: string
  uploadedById: string
}

/** Every revision of `label`, with its set's fields, under the names ResolvedRevision uses. */
function revisionsOf(db: Db, label: string) {
  return db
    .selectFrom('input_set as s')
    .innerJoin('input_set_revision as r', 'r.input_set_id', 's.id')
    .select([
      's.id as inputSetId',
      's.label',
      's.config_version_id as configVersionId',
      'r.id as revisionId',
      'r.number',
      'r.status',
      'r.content_hash as contentHash',
      'r.uploaded_by as uploadedBy',
      'r.uploaded_by_id as uploadedById',
    ])
    .where('s.label', '=', label)
}

// Ready first; otherwise the newest revision that is still in play (superseded ones only as a last resort).
const CURRENT_FIRST = sql`CASE r.status WHEN 'ready' THEN 0 WHEN 'superseded' THEN 2 ELSE 1 END`

// Every API request resolves a revision: hot lookups, one per kind of reference.
const draftOf = preparedQuery((db, label: string) => revisionsOf(db, label).where('r.status', '=', literal('draft')))
const numberOf = preparedQuery((db, label: string, number: number) => revisionsOf(db, label).where('r.number', '=', number))
const currentOf = preparedQuery((db, label: string) => revisionsOf(db, label).orderBy(CURRENT_FIRST).orderBy('r.number', 'desc').limit(ONE_ROW))

export async function findRevision(conn: SqlConn, ref: InputSetRef): Promise<ResolvedRevision | undefined> {
  const [found] =
    ref.kind === 'draft' ? await draftOf(conn, ref.label) : ref.kind === 'number' ? await numberOf(conn, ref.label, ref.number) : await currentOf(conn, ref.label)
  return found
}

export async function resolveRevisionOrThrow(conn: SqlConn, ref: InputSetRef): Promise<ResolvedRevision> {
  const found = await findRevision(conn, ref)
  if (found) return found
  throw await notFound(conn, ref)
}

export type MissingRef = { message: string; candidates: string[] }

/** Why `refText` names no revision (an invalid reference, an unknown label or revision), or null when it names one. */
export async function missingRef(access: ReadAccess, refText: string): Promise<MissingRef | null> {
  requireReadAccess(access)
  try {
    await getSql().withConnection((conn) => resolveRevisionOrThrow(conn, parseInputSetRef(refText)))
    return null
  } catch (err) {
    if (!(err instanceof NotFoundError || err instanceof InvalidError)) throw err
    const details = err.details as { candidates?: string[] } | undefined
    return { message: err.message, candidates: details?.candidates ?? [] }
  }
}

/** `Input set 'x' not found.` with close labels and pending drafts as a hint. */
export async function notFound(conn: SqlConn, ref: InputSetRef): Promise<NotFoundError> {
  const rows = await conn.db
    .selectFrom('input_set as s')
    .select((eb) => [
      's.label',
      eb
        .selectFrom('input_set_revision as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.input_set_id', '=', 's.id')
        .where('r.status', '=', 'draft')
        .$asScalar()
        .as('drafts'),
    ])
    .orderBy('s.label')
    .execute()
  const exists = rows.find((r) => r.label === ref.label)
  const candidates = rows
    .filter((r) => r.label !== ref.label && isClose(ref.label, r.label))
    .slice(0, 5)
    .flatMap((r) => (r.drafts > 0 ? [r.label, `${r.label}@draft`] : [r.label]))
  if (exists && exists.drafts > 0 && ref.kind !== 'draft') candidates.unshift(`${ref.label}@draft`)
  const what = exists ? `Revision '${formatRef(ref)}' not found.` : `Input set '${ref.label}' not found.`
  const hint = candidates.length ? `Did you mean: ${candidates.join(', ')}?` : undefined
  return new NotFoundError(hint ? `${what} ${hint}` : what, { label: ref.label, candidates })
}

function isClose(wanted: string, label: string): boolean {
  const a = wanted.toLowerCase()
  const b = label.toLowerCase()
  if (a.length >= 3 && (b.includes(a) || a.includes(b))) return true
  return editDistance(a, b) <= Math.max(2, Math.floor(a.length / 4))
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]
}
