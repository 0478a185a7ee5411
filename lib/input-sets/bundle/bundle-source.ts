// Opens a bundle: a folder, a .zip, or loose files (uploads: spooled to disk by the REST API,
// in memory from the web form). Entries are listed first and streamed later, so a large CSV
// on disk is never read into memory.
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { InvalidError, NotFoundError } from '../../errors'

export type BundleEntry = { name: string; size: number; open(): Promise<Readable> }

/**
 * A problem with the container itself (a zip entry escaping the bundle, a symlink …). `within` is
 * the path, relative to the bundle, of a sub-folder or of a file in one that was not read: a
 * datapackage.json that names a file there reads it, and the problem no longer applies.
 */
export type SourceProblem = { file: string; code: string; message: string; within?: string }

export type BundleSource = {
  name: string
  /** The files at the bundle's top level. */
  entries: BundleEntry[]
  problems: SourceProblem[]
  /** A file by its path relative to the bundle ('data/demand.csv'), sub-folders included; the path is checked by the caller. */
  find(relativePath: string): Promise<BundleEntry | undefined>
  close(): void
}

const MAX_ENTRIES = 1000
const ZIP_OPTIONS = { lazyEntries: true, decodeStrings: false, autoClose: false }
// Files a desktop zip tool adds that carry no data.
const IGNORED = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/

export async function openBundle(inputPath: string): Promise<BundleSource> {
  const stat = await fs.promises.stat(inputPath).catch(() => undefined)
  if (!stat) throw new NotFoundError(`Input '${inputPath}' does not exist.`)
  if (stat.isDirectory()) return openFolder(inputPath)
  if (inputPath.toLowerCase().endsWith('.zip')) return openZipFile(inputPath)
  throw new InvalidError(`Input '${inputPath}' is neither a folder nor a .zip file.`, { field: 'input' })
}

async function openFolder(dir: string): Promise<BundleSource> {
  let root = dir
  let dirents = await fs.promises.readdir(root, { withFileTypes: true })
  const visible = (d: fs.Dirent) => !d.name.startsWith('.')
  // A folder holding just one folder (an unpacked download) is read from inside it.
  if (dirents.filter(visible).length === 1 && dirents.find(visible)!.isDirectory()) {
    root = path.join(root, dirents.find(visible)!.name)
    dirents = await fs.promises.readdir(root, { withFileTypes: true })
  }
  const entries: BundleEntry[] = []
  const problems: SourceProblem[] = []
  for (const d of dirents) {
    if (!visible(d)) continue
    const full = path.join(root, d.name)
    // Symbolic links are the user's own files on their machine: follow them.
    const stat = await fs.promises.stat(full).catch(() => undefined)
    if (stat?.isFile()) entries.push(folderEntry(d.name, full, stat.size))
    else
      problems.push({
        file: d.name,
        code: 'unknown_file',
        message: `'${d.name}' is not a regular file (a sub-folder or a broken link) and was not read.`,
        within: `${d.name}/`,
      })
  }
  const find = async (relativePath: string) => {
    const full = path.join(root, ...relativePath.split('/'))
    const stat = await fs.promises.stat(full).catch(() => undefined)
    return stat?.isFile() ? folderEntry(relativePath, full, stat.size) : undefined
  }
  return { name: path.basename(dir), entries, problems, find, close() {} }
}

function folderEntry(name: string, full: string, size: number): BundleEntry {
  return { name, size, open: async () => fs.createReadStream(full) }
}

/** Finds among a flat list of entries (loose files have no sub-folders). */
const findAmong = (entries: BundleEntry[]) => async (relativePath: string) => entries.find((e) => e.name === relativePath)

/** An uploaded file on disk (its name is the client's, its path the server's). */
export type SpooledFile = { name: string; path: string; size: number }
/** A file handed over on its own rather than in a folder or zip. */
export type LooseFile = SpooledFile | { name: string; data: Buffer }

export function bundleFromFiles(name: string, files: LooseFile[]): BundleSource {
  const problems: SourceProblem[] = []
  const entries: BundleEntry[] = []
  for (const f of files) {
    const base = f.name.split(/[\\/]/).pop() ?? ''
    if (base !== f.name || base === '' || base === '.' || base === '..') {
      problems.push({ file: f.name, code: 'bad_file_name', message: `File name '${f.name}' must not contain a path.` })
      continue
    }
    if ('path' in f) entries.push({ name: base, size: f.size, open: async () => fs.createReadStream(f.path) })
    else entries.push({ name: base, size: f.data.length, open: async () => Readable.from([f.data]) })
  }
  return { name, entries, problems, find: findAmong(entries), close() {} }
}

export function openZipBuffer(name: string, data: Buffer): Promise<BundleSource> {
  return openZip(name, (done) => yauzl.fromBuffer(data, ZIP_OPTIONS, done))
}

/** A zip on disk; `name` is what reports call it (an upload's own name rather than its spool path). */
export function openZipFile(file: string, name = path.basename(file)): Promise<BundleSource> {
  return openZip(name, (done) => yauzl.open(file, ZIP_OPTIONS, done))
}

async function openZip(name: string, open: (done: (err: Error | null, zip: yauzl.ZipFile) => void) => void): Promise<BundleSource> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => open((err, z) => (err ? reject(err) : resolve(z)))).catch((err: Error) => {
    throw new InvalidError(`'${name}' is not a readable zip file: ${err.message}`, { file: name }, 'bad_zip')
  })
  return readZip(name, zip)
}

async function readZip(name: string, zip: yauzl.ZipFile): Promise<BundleSource> {
  const raw = await listZipEntries(zip).catch((err: Error) => {
    zip.close()
    throw new InvalidError(`'${name}' is not a readable zip file: ${err.message}`, { file: name }, 'bad_zip')
  })
  const problems: SourceProblem[] = []
  if (raw.length > MAX_ENTRIES) {
    zip.close()
    throw new InvalidError(`'${name}' holds ${raw.length} entries; a bundle may hold at most ${MAX_ENTRIES}.`, { file: name }, 'too_many_files')
  }
  const files: { path: string; entry: yauzl.Entry }[] = []
  for (const entry of raw) {
    const entryPath = (entry.fileName as unknown as Buffer).toString('utf8')
    if (IGNORED.test(entryPath)) continue
    if (isEscaping(entryPath)) {
      problems.push({ file: entryPath, code: 'zip_path_escape', message: `Zip entry '${entryPath}' points outside the bundle.` })
      continue
    }
    if (entryPath.endsWith('/')) continue
    if (isSymlink(entry)) {
      problems.push({ file: entryPath, code: 'zip_symlink', message: `Zip entry '${entryPath}' is a symbolic link; bundles hold plain files only.` })
      continue
    }
    files.push({ path: entryPath, entry })
  }
  const zipEntry = (base: string, entry: yauzl.Entry): BundleEntry => ({
    name: base,
    size: entry.uncompressedSize,
    open: () => new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s)))),
  })
  const { top, nested } = bundleLevelEntries(files, problems)
  const entries = top.map(({ base, entry }) => zipEntry(base, entry))
  const byPath = new Map([...top, ...nested].map(({ base, entry }) => [base, entry]))
  const find = async (relativePath: string) => {
    const entry = byPath.get(relativePath)
    return entry ? zipEntry(relativePath, entry) : undefined
  }
  return { name, entries, problems, find, close: () => zip.close() }
}

/**
 * Files at the zip's root, or all inside one top folder; anything deeper is reported (and kept
 * apart, for a datapackage.json that names it).
 */
function bundleLevelEntries(files: { path: string; entry: yauzl.Entry }[], problems: SourceProblem[]) {
  const tops = new Set(files.map((f) => (f.path.includes('/') ? f.path.split('/')[0] : '')))
  const prefix = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : ''
  const top: { base: string; entry: yauzl.Entry }[] = []
  const nested: { base: string; entry: yauzl.Entry }[] = []
  for (const f of files) {
    const rest = f.path.slice(prefix.length)
    if (rest.includes('/')) {
      problems.push({ file: f.path, code: 'unknown_file', message: `Zip entry '${f.path}' is in a sub-folder and was not read.`, within: rest })
      nested.push({ base: rest, entry: f.entry })
      continue
    }
    top.push({ base: rest, entry: f.entry })
  }
  return { top, nested }
}

/** Why an entry could not be read, for the report: a zip entry's data is corrupt or not the size it declares. */
export function unreadableMessage(file: string, err: unknown): string {
  return `${file} cannot be read (${(err as Error)?.message ?? String(err)}); the file or archive is damaged.`
}

/** A failure of the entry's own bytes, told apart from failures of whoever consumes them. */
export class UnreadableEntryError extends Error {}

/** The entry's bytes; a failure to open or read them (not a consumer's) is an UnreadableEntryError. */
export async function* readEntry(entry: BundleEntry): AsyncGenerator<Buffer> {
  const fail = (err: unknown) => new UnreadableEntryError(unreadableMessage(entry.name, err))
  const stream = await entry.open().catch((err: unknown) => {
    throw fail(err)
  })
  const chunks = stream[Symbol.asyncIterator]()
  try {
    for (;;) {
      const next = await chunks.next().catch((err: unknown) => {
        throw fail(err)
      })
      if (next.done) return
      yield next.value as Buffer
    }
  } finally {
    stream.destroy()
  }
}

function isEscaping(entryPath: string): boolean {
  return entryPath.startsWith('/') || entryPath.includes('\\') || /^[A-Za-z]:/.test(entryPath) || entryPath.split('/').some((part) => part === '..')
}

function isSymlink(entry: yauzl.Entry): boolean {
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000
  return mode === 0o120000
}

function listZipEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = []
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e)
      if (entries.length > MAX_ENTRIES) resolve(entries)
      else zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}
