// The diff report cache (docs/diff.md): one JSON file per pair of revisions,
// `<DIFF_CACHE_DIR>/<label>@<N>__<against>@<M>.json`, whatever refs the caller wrote. Files are
// written to a temp name and renamed, so a reader sees the old report or the new one, never half
// of one. Each report carries both content hashes; whether it is still valid is decided by the
// caller against the revisions' hashes now. What is read back is checked against the report's schema.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'
import { env } from '../env'
import { logError } from '../log'
import { pairKey, type PinnedPair } from './refs'
import { cachedDiffSchema, type CachedDiff } from './report-schema'

export type { CachedDiff } from './report-schema'

export function cacheDir(): string {
  return path.resolve(env().DIFF_CACHE_DIR)
}

/** The cache file of a pair of revisions; other reports of the pair (planning impact) use their own subfolder. */
export function cachePath(pair: PinnedPair, subfolder = ''): string {
  return path.join(cacheDir(), subfolder, `${pairKey(pair)}.json`)
}

// Reports by file version (mtime + size): the API pages through the same report on every
// request, and reading, parsing and checking a large one each time would dominate the response.
// A file found unusable is remembered too, so it is logged once per version, not per request.
type Known = { mtimeMs: number; size: number; doc: unknown }
const knownByPath = new Map<string, Known>()
const MAX_KNOWN = 16

/**
 * The pair's cached report, or undefined when there is none or the file is not a report: a
 * file that is not JSON, does not match the report's schema, or is not a file at all counts as
 * missing (and is logged once, by its name in the cache folder), so the caller queues a job
 * that writes it again.
 */
export function readCachedDiff(pair: PinnedPair): Promise<CachedDiff | undefined> {
  return readCachedReport(cachePath(pair), cachedDiffSchema, 'diff report')
}

/** A cached report of any kind, read, checked against its schema and remembered as readCachedDiff describes. */
export async function readCachedReport<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(file)
  } catch {
    return undefined
  }
  const known = knownByPath.get(file)
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.doc as T | undefined
  const doc = await readReport(file, stat, schema, what)
  remember(file, { mtimeMs: stat.mtimeMs, size: stat.size, doc })
  return doc
}

async function readReport<T>(file: string, stat: fs.Stats, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
  const unusable = (reason: string) => {
    logError('input_set_diff_cache_unreadable', { file: path.relative(cacheDir(), file), reason })
    return undefined
  }
  if (!stat.isFile()) return unusable('not a regular file')
  let doc: unknown
  try {
    doc = JSON.parse(await fs.promises.readFile(file, 'utf8'))
  } catch (err) {
    // Error codes and JSON messages only: a file-system message may carry the full path.
    const code = (err as NodeJS.ErrnoException)?.code
    return unusable(err instanceof SyntaxError ? `not JSON (${err.message})` : `cannot be read (${code ?? 'error'})`)
  }
  const checked = schema.safeParse(doc)
  if (!checked.success) return unusable(`not a ${what}: ${schemaProblems(checked.error)}`)
  return checked.data
}

/** The first few schema problems as `path: message`, short enough for one log line. */
function schemaProblems(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`)
  return error.issues.length > 3 ? `${shown.join('; ')}; …` : shown.join('; ')
}

function remember(file: string, known: Known): void {
  knownByPath.delete(file)
  knownByPath.set(file, known)
  if (knownByPath.size > MAX_KNOWN) knownByPath.delete(knownByPath.keys().next().value!)
}

export function writeCachedDiff(pair: PinnedPair, doc: CachedDiff): Promise<void> {
  return writeCachedReport(cachePath(pair), doc)
}

/** Writes a report to a temp name and renames it, so a reader sees the old report or the new one. */
export async function writeCachedReport(file: string, doc: unknown): Promise<void> {
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
