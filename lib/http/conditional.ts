// Conditional GETs (docs/api.md, "Caching"): an answer's validator is made from what identifies
// it — the content hashes it is built from, any review state it shows, and its representation
// (route, section, paging, filters, format, diff pair) — never from the body, so a matching
// If-None-Match is answered 304 before the body's rows are read. Callers resolve the refs with a
// cheap query first, after authorization, so a 304 reveals nothing a 404 or 403 would not.
import { createHash } from 'node:crypto'

/** Raised when an answer's body changes shape for the same data, so copies of the old shape stop matching. */
const REPRESENTATION_VERSION = 1

/** A year: the longest max-age caches are asked to honour (RFC 9111); `immutable` says it never changes. */
const IMMUTABLE = 'private, max-age=31536000, immutable'
/** Stored, but asked again every time: the If-None-Match round trip answers 304 while nothing changed. */
const REVALIDATE = 'private, no-cache'

export type AnswerIdentity = {
  /** The operation answering (its operationId): two routes never share a validator. */
  route: string
  /** The content hashes the body is made of, in a fixed order (a diff: current, then reference). */
  hashes: readonly string[]
  /** What else selects or shapes the body: section, page, page size, filters, format, the diff pair (an undefined value is as if absent). */
  representation: Readonly<Record<string, unknown>>
  /** Mutable state the body also shows (statuses, approvals, history); absent when the body is content only. */
  state?: unknown
  /** Every ref named a revision by number (`label@N`), so they cannot move to another revision. */
  pinned: boolean
}

export type Validator = { etag: string; cacheControl: string }

/**
 * The strong ETag and Cache-Control of an answer. Only a pinned answer made of content alone is
 * immutable: a moving ref (`label`, `label@draft`, a default reference) or a body that shows
 * review state may change, so it is revalidated on every use.
 */
export function validatorOf(id: AnswerIdentity): Validator {
  const identity = [
    REPRESENTATION_VERSION,
    id.route,
    id.hashes,
    Object.entries(id.representation)
      .filter(([, v]) => v !== undefined)
      .sort(),
    id.state ?? null,
  ]
  const digest = createHash('sha256').update(JSON.stringify(identity)).digest('base64url')
  return { etag: `"${digest.slice(0, 32)}"`, cacheControl: id.pinned && id.state === undefined ? IMMUTABLE : REVALIDATE }
}

/**
 * Whether If-None-Match names `etag` (RFC 9110 §13.1.2): `*` matches any current answer; otherwise
 * a comma-separated list of entity tags compared weakly, so `W/"x"` matches `"x"`.
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (header === null) return false
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  // An entity tag may itself hold a comma, so the list is read tag by tag rather than split.
  for (const m of header.matchAll(/(?:W\/)?("[^"]*")/g)) if (m[1] === opaque) return true
  return false
}

/**
 * 304 with the validator and no body when the request's If-None-Match matches; otherwise the
 * answer `build` makes, carrying the validator only if it is a 200 (a pending job, an error or a
 * failed diff is never cached: withApi gives those no-store).
 */
export async function conditionalGet(request: Request, validator: Validator, build: () => Promise<Response | object>): Promise<Response> {
  const headers = { etag: validator.etag, 'cache-control': validator.cacheControl }
  if (ifNoneMatchHits(request.headers.get('if-none-match'), validator.etag)) return new Response(null, { status: 304, headers })
  const built = await build()
  const response = built instanceof Response ? built : Response.json(built)
  if (response.status === 200) for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

/** What lib/input-sets/queries/answer-version.ts finds out about the revision a ref names now. */
type RevisionVersion = { pinnedRef: string; pinned: boolean; contentHash: string; state?: unknown }

/**
 * A conditional answer about one revision: validated by its content hash, review state (if the
 * body shows any) and representation, and built from exactly the revision the validator describes.
 */
export function revisionAnswer(
  request: Request,
  answer: { route: string; version: RevisionVersion; representation: Readonly<Record<string, unknown>> },
  build: (pinnedRef: string) => Promise<Response | object>,
): Promise<Response> {
  const { version } = answer
  const validator = validatorOf({
    route: answer.route,
    hashes: [version.contentHash],
    representation: answer.representation,
    state: version.state,
    pinned: version.pinned,
  })
  return conditionalGet(request, validator, () => build(version.pinnedRef))
}
