// What a diff (or planning impact) page or API request gets (docs/diff.md): the cached report when its content hashes
// still match the revisions both refs resolve to now, otherwise the pair's queued or running
// job (queuing one if needed). Never computes a diff itself. The report and the job belong to the
// two resolved revisions, so any refs naming the same two revisions share them.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql } from '../db/sql'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../input-sets/store/resolve'
import type { Counter } from 'prom-client'
import { metrics } from '../metrics/registry'
import { readCachedDiff, type CachedDiff } from './cache'
import { enqueueDiffJob, latestDiffJob, type DiffJob, type DiffJobKind } from './job-store'
import { pairKey, pinnedRef, type DiffRefs, type PinnedPair } from './refs'

/** The refs as asked and the two revisions they resolved to. */
export type DiffSubject = { refs: DiffRefs; pair: PinnedPair }

/** A background report of a pair (a diff, a planning impact): ready from its cache file, or its job. */
export type ReportState<Cached extends CachedReport> =
  | (DiffSubject & { state: 'ready'; cached: Cached })
  | (DiffSubject & { state: 'queued' | 'running'; job: DiffJob; stale: boolean })
  | (DiffSubject & { state: 'failed'; job: DiffJob; stale: boolean })

export type DiffState = ReportState<CachedDiff>

export type DiffRequestOptions = {
  requestedBy: string
  /** Queue a new job even though the last one for these revisions failed (the retry button). */
  retry?: boolean
  /**
   * The two revisions the refs resolved to for this same request (DiffVersion.revisions): the
   * answer is then made of exactly the revisions its validator describes, without resolving twice.
   */
  resolved?: ResolvedPair
}

/** The revisions the refs name now: current, then reference. */
export type ResolvedPair = readonly [current: ResolvedRevision, reference: ResolvedRevision]

/** A cached report names the two revisions, with the content hashes, it was computed from. */
export type CachedReport = { report: { revisions: Record<'current' | 'reference', { content_hash: string }> } }

/** What differs between the kinds of report: the job kind, the cache file, and the cache counters. */
export type ReportKind<Cached extends CachedReport> = {
  kind: DiffJobKind
  readCached(pair: PinnedPair): Promise<Cached | undefined>
  counters(): { hits: Counter; stale: Counter }
}

const diffKind: ReportKind<CachedDiff> = {
  kind: 'diff',
  readCached: readCachedDiff,
  counters: () => ({ hits: metrics().diffCacheHits, stale: metrics().diffCacheStale }),
}

export function requestDiff(access: ReadAccess, refs: DiffRefs, o: DiffRequestOptions): Promise<DiffState> {
  return requestReport(diffKind, access, refs, o)
}

export async function requestReport<Cached extends CachedReport>(
  kind: ReportKind<Cached>,
  access: ReadAccess,
  refs: DiffRefs,
  o: DiffRequestOptions,
): Promise<ReportState<Cached>> {
  requireReadAccess(access)
  const [current, reference] = o.resolved ?? (await resolvePair(refs))
  const subject: DiffSubject = { refs, pair: { current: pinnedRef(current), reference: pinnedRef(reference) } }
  const cached = await kind.readCached(subject.pair)
  if (cached && matches(cached, current, reference)) {
    kind.counters().hits.inc()
    return { ...subject, state: 'ready', cached }
  }
  const stale = cached !== undefined
  const latest = await latestDiffJob(kind.kind, subject.pair)
  if (latest && (latest.status === 'queued' || latest.status === 'running')) return { ...subject, state: latest.status, job: latest, stale }
  // A failed job is shown (with its error and a retry) rather than retried on every page view.
  if (latest?.status === 'failed' && !o.retry && sameRevisions(latest, current, reference)) return { ...subject, state: 'failed', job: latest, stale }
  const { job, created } = await enqueueDiffJob({
    kind: kind.kind,
    pair: subject.pair,
    currentRevisionId: current.revisionId,
    referenceRevisionId: reference.revisionId,
    currentHash: current.contentHash,
    referenceHash: reference.contentHash,
    requestedBy: o.requestedBy,
  })
  if (created && stale) kind.counters().stale.inc()
  return { ...subject, state: job.status === 'running' ? 'running' : 'queued', job, stale }
}

/** The two revisions the refs name now, by their content hashes: what a ready report of them is made of (docs/api.md, "Caching"). */
export type DiffVersion = { pair: string; hashes: [current: string, reference: string]; revisions: ResolvedPair }

/** Resolves the refs only: no report is read and no job is queued. */
export async function diffVersion(access: ReadAccess, refs: DiffRefs): Promise<DiffVersion> {
  requireReadAccess(access)
  const revisions = await resolvePair(refs)
  const [current, reference] = revisions
  return {
    pair: pairKey({ current: pinnedRef(current), reference: pinnedRef(reference) }),
    hashes: [current.contentHash, reference.contentHash],
    revisions,
  }
}

async function resolvePair(refs: DiffRefs): Promise<ResolvedPair> {
  return getSql().withConnection(async (conn) => [await resolveRevisionOrThrow(conn, refs.current), await resolveRevisionOrThrow(conn, refs.against)])
}

function matches(cached: CachedReport, current: ResolvedRevision, reference: ResolvedRevision): boolean {
  const r = cached.report.revisions
  return r.current.content_hash === current.contentHash && r.reference.content_hash === reference.contentHash
}

function sameRevisions(job: DiffJob, current: ResolvedRevision, reference: ResolvedRevision): boolean {
  return job.currentHash === current.contentHash && job.referenceHash === reference.contentHash
}
