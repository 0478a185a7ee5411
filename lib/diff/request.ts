// What a diff page or API request gets (docs/diff.md): the cached report when its content hashes
// still match the revisions both refs resolve to now, otherwise the pair's queued or running
// job (queuing one if needed). Never computes a diff itself.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql } from '../db/sql'
import { formatRef, parseInputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../input-sets/store/resolve'
import { metrics } from '../metrics/registry'
import { readCachedDiff, type CachedDiff } from './cache'
import { enqueueDiffJob, latestDiffJob, type DiffJob } from './job-store'

export type DiffPair = { label: string; against: string }

export type DiffState =
  | (DiffPair & { state: 'ready'; cached: CachedDiff })
  | (DiffPair & { state: 'queued' | 'running'; job: DiffJob; stale: boolean })
  | (DiffPair & { state: 'failed'; job: DiffJob; stale: boolean })

export type DiffRequestOptions = {
  requestedBy: string
  /** Queue a new job even though the last one for these revisions failed (the retry button). */
  retry?: boolean
}

/** `label@draft` stays as written; both refs are validated here, before any file name is built. */
function canonicalPair(label: string, against: string): DiffPair {
  return { label: formatRef(parseInputSetRef(label)), against: formatRef(parseInputSetRef(against, 'against')) }
}

export async function requestDiff(access: ReadAccess, label: string, against: string, o: DiffRequestOptions): Promise<DiffState> {
  requireReadAccess(access)
  const pair = canonicalPair(label, against)
  const [current, reference] = await resolvePair(pair)
  const cached = await readCachedDiff(pair.label, pair.against)
  if (cached && matches(cached, current, reference)) {
    metrics().diffCacheHits.inc()
    return { ...pair, state: 'ready', cached }
  }
  const stale = cached !== undefined
  const latest = await latestDiffJob(pair.label, pair.against)
  if (latest && (latest.status === 'queued' || latest.status === 'running')) return { ...pair, state: latest.status, job: latest, stale }
  // A failed job is shown (with its error and a retry) rather than retried on every page view.
  if (latest?.status === 'failed' && !o.retry && sameRevisions(latest, current, reference)) return { ...pair, state: 'failed', job: latest, stale }
  const { job, created } = await enqueueDiffJob({
    ...pair,
    currentRevisionId: current.revisionId,
    referenceRevisionId: reference.revisionId,
    currentHash: current.contentHash,
    referenceHash: reference.contentHash,
    requestedBy: o.requestedBy,
  })
  if (created && stale) metrics().diffCacheStale.inc()
  return { ...pair, state: job.status === 'running' ? 'running' : 'queued', job, stale }
}

async function resolvePair(pair: DiffPair): Promise<[ResolvedRevision, ResolvedRevision]> {
  return getSql().withConnection(async (conn) => [
    await resolveRevisionOrThrow(conn, parseInputSetRef(pair.label)),
    await resolveRevisionOrThrow(conn, parseInputSetRef(pair.against, 'against')),
  ])
}

function matches(cached: CachedDiff, current: ResolvedRevision, reference: ResolvedRevision): boolean {
  const r = cached.report.revisions
  return r.current.content_hash === current.contentHash && r.reference.content_hash === reference.contentHash
}

function sameRevisions(job: DiffJob, current: ResolvedRevision, reference: ResolvedRevision): boolean {
  return job.currentHash === current.contentHash && job.referenceHash === reference.contentHash
}
