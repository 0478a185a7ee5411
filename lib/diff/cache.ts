// The diff report cache (docs/diff.md): one JSON file per label pair,
// `<DIFF_CACHE_DIR>/<label>__<against>.json`. Files are written to a temp name and renamed,
// so a reader sees the old report or the new one, never half of one. Each report carries
// both content hashes; whether it is still valid is decided by the caller against the
// revisions the refs resolve to now.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from '../env'
import { formatRef, parseInputSetRef } from '../input-sets/labels'
import { errorFields, logError } from '../log'
import type { DiffReport } from './types'

export type CachedDiff = {
  diff_job_id: number
  generated_at: string
  duration_ms: number
  report: DiffReport
}

export function cacheDir(): string {
  return path.resolve(env().DIFF_CACHE_DIR)
}

/** The cache file of a pair. Both refs are parsed again, so only valid labels reach the file system. */
export function cachePath(label: string, against: string): string {
  const name = `${formatRef(parseInputSetRef(label))}__${formatRef(parseInputSetRef(against, 'against'))}.json`
  return path.join(cacheDir(), name)
}

// Parsed reports by file: the API pages through the same report on every request, and
// parsing a large one each time would dominate the response time.
type Parsed = { mtimeMs: number; size: number; doc: CachedDiff }
const parsedByPath = new Map<string, Parsed>()
const MAX_PARSED = 16

export async function readCachedDiff(label: string, against: string): Promise<CachedDiff | undefined> {
  const file = cachePath(label, against)
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(file)
  } catch {
    return undefined
  }
  const known = parsedByPath.get(file)
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.doc
  try {
    const doc = JSON.parse(await fs.promises.readFile(file, 'utf8')) as CachedDiff
    if (!doc?.report?.revisions?.current?.content_hash) throw new Error('not a diff report')
    remember(file, { mtimeMs: stat.mtimeMs, size: stat.size, doc })
    return doc
  } catch (err) {
    // An unreadable file is treated as missing: the next job rewrites it.
    logError('input_set_diff_cache_unreadable', { file, ...errorFields(err) })
    return undefined
  }
}

function remember(file: string, parsed: Parsed): void {
  parsedByPath.delete(file)
  parsedByPath.set(file, parsed)
  if (parsedByPath.size > MAX_PARSED) parsedByPath.delete(parsedByPath.keys().next().value!)
}

export async function writeCachedDiff(label: string, against: string, doc: CachedDiff): Promise<void> {
  const file = cachePath(label, against)
  await fs.promises.mkdir(path.dirname(file), { recursive: true })
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID()}.tmp`)
  try {
    await fs.promises.writeFile(temp, JSON.stringify(doc))
    await fs.promises.rename(temp, file)
  } catch (err) {
    await fs.promises.rm(temp, { force: true })
    throw err
  }
}
