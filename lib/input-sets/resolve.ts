// Resolves `label`, `label@draft` and `label@N` to one revision
// (docs/revisions.md, "Labels and references"): the label
// alone means its ready revision, else its newest.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql, preparedStatement, type SqlConn } from '../db/sql'
import { InvalidError, NotFoundError } from '../errors'
import { formatRef, parseInputSetRef, type InputSetRef, type RevisionStatus } from './labels'

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

const SELECT = `SELECT s.id AS input_set_id, s.label, s.config_version_id, r.id AS revision_id, r.number, r.status,
  r.content_hash, r.uploaded_by, r.uploaded_by_id
  FROM input_set s JOIN input_set_revision r ON r.input_set_id = s.id WHERE s.label = ?`

const BY_REF = {
  draft: preparedStatement(`${SELECT} AND r.status = 'draft'`),
  number: preparedStatement(`${SELECT} AND r.number = ?`),
  // ready first; otherwise the newest revision that is still in play (superseded ones only as a last resort)
  current: preparedStatement(`${SELECT} ORDER BY CASE r.status WHEN 'ready' THEN 0 WHEN 'superseded' THEN 2 ELSE 1 END, r.number DESC LIMIT 1`),
}

export async function findRevision(conn: SqlConn, ref: InputSetRef): Promise<ResolvedRevision | undefined> {
  const query = BY_REF[ref.kind]
  const row = await conn.get<Record<string, unknown>>(query, ref.kind === 'number' ? [ref.label, ref.number] : [ref.label])
  if (!row) return undefined
  return {
    inputSetId: Number(row.input_set_id),
    label: String(row.label),
    configVersionId: Number(row.config_version_id),
    revisionId: Number(row.revision_id),
    number: Number(row.number),
    status: row.status as RevisionStatus,
    contentHash: String(row.content_hash),
    uploadedBy: String(row.uploaded_by),
    uploadedById: String(row.uploaded_by_id),
  }
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
  const rows = await conn.all<{ label: string; has_draft: number | string }>(
    `SELECT s.label, (SELECT COUNT(*) FROM input_set_revision r WHERE r.input_set_id = s.id AND r.status = 'draft') AS has_draft
     FROM input_set s ORDER BY s.label`,
  )
  const exists = rows.find((r) => r.label === ref.label)
  const candidates = rows
    .filter((r) => r.label !== ref.label && isClose(ref.label, r.label))
    .slice(0, 5)
    .flatMap((r) => (Number(r.has_draft) > 0 ? [r.label, `${r.label}@draft`] : [r.label]))
  if (exists && Number(exists.has_draft) > 0 && ref.kind !== 'draft') candidates.unshift(`${ref.label}@draft`)
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
