// Exports a revision as a bundle folder (and optionally a .zip) that re-imports to
// the identical content hash. Files are written to a temporary folder and renamed
// into place, so a reader never sees half an export.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { getSql, type SqlConn } from '../../db/sql'
import type { Actor } from '../actor'
import { DATA_PACKAGE_FILE, dataPackageDescriptor, type PackagedFile } from '../bundle/data-package'
import { CSV_SECTIONS, CSV_STEMS } from '../bundle/sections'
import { parseInputSetRef, type RevisionStatus } from '../labels'
import { recordAuditEvent } from '../../audit/record'
import { writeCalendarFile, writeCsvSection, writeParamsFile, type WrittenFile } from '../store/export-files'
import { resolveRevisionOrThrow, type ResolvedRevision } from '../store/resolve'

export type ExportOptions = {
  ref: string
  outDir: string
  actor: Actor
  includeMeta?: boolean
  zip?: boolean
  onProgress?: (file: string, rows: number) => void
}

export type ExportResult = {
  label: string
  revision: number
  status: RevisionStatus
  content_hash: string
  dir: string
  zip: string | null
  files: WrittenFile[]
}

// Zip entries carry this fixed time so equal data gives byte-identical archives.
const ZIP_MTIME = new Date(Date.UTC(2000, 0, 1))

export async function exportInputSet(o: ExportOptions): Promise<ExportResult> {
  const ref = parseInputSetRef(o.ref)
  const sql = getSql()
  const target = await sql.withConnection((conn) => resolveRevisionOrThrow(conn, ref))
  const dir = path.resolve(o.outDir, `planning_inputs_${target.label}`)
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`
  await fs.promises.mkdir(staging, { recursive: true })
  const files: WrittenFile[] = []
  try {
    await sql.withConnection(async (conn) => {
      for (const stem of CSV_STEMS) {
        const written = await writeCsvSection(conn, CSV_SECTIONS[stem], target.revisionId, staging, (n) => o.onProgress?.(CSV_SECTIONS[stem].file, n))
        if (written) files.push(written)
      }
      for (const write of [writeCalendarFile, writeParamsFile]) {
        const written = await write(conn, target.revisionId, staging)
        if (written) files.push(written)
      }
      if (o.includeMeta) files.push(await writeMeta(conn, target.revisionId, target.label, staging))
      files.push(await writeDataPackage(conn, target, files, staging))
    })
    await fs.promises.rm(dir, { recursive: true, force: true })
    await fs.promises.rename(staging, dir)
  } catch (err) {
    await fs.promises.rm(staging, { recursive: true, force: true })
    throw err
  }
  const zip = o.zip ? await writeZip(dir, files) : null
  await sql.transaction((conn) =>
    recordAuditEvent(conn, {
      inputSet: { id: target.inputSetId, label: target.label },
      revisionId: target.revisionId,
      action: 'input_set.export',
      actor: o.actor,
      at: new Date(),
      metadata: { revision: target.number, status: target.status, content_hash: target.contentHash, zip: Boolean(zip), files: files.map((f) => f.name) },
    }),
  )
  return { label: target.label, revision: target.number, status: target.status, content_hash: target.contentHash, dir, zip, files }
}

async function writeMeta(conn: SqlConn, revisionId: number, label: string, dir: string): Promise<WrittenFile> {
  const row = await conn.db
    .selectFrom('input_set_revision')
    .select(['meta_json', 'description', 'canonical_sample_name'])
    .where('id', '=', revisionId)
    .executeTakeFirst()
  const uploaded = row?.meta_json ? (JSON.parse(row.meta_json) as Record<string, unknown>) : {}
  const doc = { ...uploaded, label, description: row?.description ?? null, canonical_sample_name: row?.canonical_sample_name ?? null }
  await fs.promises.writeFile(path.join(dir, 'meta.json'), `${JSON.stringify(doc, null, 2)}\n`)
  return { name: 'meta.json', rows: 1 }
}

/** datapackage.json: the Frictionless descriptor of the files just written (bundle/data-package.ts). */
async function writeDataPackage(conn: SqlConn, target: ResolvedRevision, files: WrittenFile[], dir: string): Promise<WrittenFile> {
  const review = await conn.db.selectFrom('input_set_revision').select(['approved_by', 'approved_at']).where('id', '=', target.revisionId).executeTakeFirstOrThrow()
  const packaged: PackagedFile[] = []
  for (const f of files) {
    const file = path.join(dir, f.name)
    const hash = createHash('sha256')
    await pipeline(fs.createReadStream(file), hash)
    packaged.push({ ...f, bytes: (await fs.promises.stat(file)).size, sha256: hash.digest('hex') })
  }
  const descriptor = dataPackageDescriptor(
    {
      label: target.label,
      revision: target.number,
      status: target.status,
      contentHash: target.contentHash,
      configVersionId: target.configVersionId,
      approvedBy: review.approved_by,
      approvedAt: review.approved_at?.toISOString() ?? null,
    },
    packaged,
  )
  await fs.promises.writeFile(path.join(dir, DATA_PACKAGE_FILE), `${JSON.stringify(descriptor, null, 2)}\n`)
  return { name: DATA_PACKAGE_FILE, rows: packaged.length }
}

async function writeZip(dir: string, files: WrittenFile[]): Promise<string> {
  const zipPath = `${dir}.zip`
  const zip = new yazl.ZipFile()
  const folder = path.basename(dir)
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    zip.addFile(path.join(dir, f.name), `${folder}/${f.name}`, { mtime: ZIP_MTIME, mode: 0o100644 })
  }
  zip.end()
  const tmp = `${zipPath}.tmp-${process.pid}`
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(tmp)
    zip.outputStream.pipe(out).on('finish', resolve).on('error', reject)
  })
  await fs.promises.rename(tmp, zipPath)
  return zipPath
}
