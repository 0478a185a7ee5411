// What an impact page or API request gets: the cached report when its content hashes still
// match, else the pair's impact job (queued if needed). The rules are the diff's
// (lib/diff/request.ts); only the job kind, the cache file and the counters differ.
import type { ReadAccess } from '../auth/access'
import type { DiffRefs } from '../diff/refs'
import { requestReport, type DiffRequestOptions, type ReportKind, type ReportState } from '../diff/request'
import { metrics } from '../metrics/registry'
import { readCachedImpact } from './cache'
import type { CachedImpact } from './schema'

export type ImpactState = ReportState<CachedImpact>

const impactKind: ReportKind<CachedImpact> = {
  kind: 'impact',
  readCached: readCachedImpact,
  counters: () => ({ hits: metrics().impactCacheHits, stale: metrics().impactCacheStale }),
}

export function requestImpact(access: ReadAccess, refs: DiffRefs, o: DiffRequestOptions): Promise<ImpactState> {
  return requestReport(impactKind, access, refs, o)
}
