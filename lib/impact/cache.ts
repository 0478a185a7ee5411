// Planning impact reports in the report cache (docs/impact.md): beside the diff reports, in
// `<DIFF_CACHE_DIR>/impact/<label>@<N>__<against>@<M>.json`, written and read back (checked
// against the schema) exactly as diff reports are (lib/diff/cache.ts).
import { cachePath, readCachedReport, writeCachedReport } from '../diff/cache'
import type { PinnedPair } from '../diff/refs'
import { cachedImpactSchema, type CachedImpact } from './schema'

export const IMPACT_CACHE_FOLDER = 'impact'

export function impactCachePath(pair: PinnedPair): string {
  return cachePath(pair, IMPACT_CACHE_FOLDER)
}

export function readCachedImpact(pair: PinnedPair): Promise<CachedImpact | undefined> {
  return readCachedReport(impactCachePath(pair), cachedImpactSchema, 'planning impact report')
}

export function writeCachedImpact(pair: PinnedPair, doc: CachedImpact): Promise<void> {
  return writeCachedReport(impactCachePath(pair), doc)
}
