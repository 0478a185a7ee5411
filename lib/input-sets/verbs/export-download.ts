// An export for download: the bundle zip is written to a private temporary folder,
// handed to the caller as a stream, and the folder is removed once the stream closes
// (finished, failed or abandoned by the client).
import { requireReadAccess, type ReadAccess } from '../../auth/access'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { parseInputSetRef } from '../labels'
import { exportInputSet } from './export'

export type ZipDownload = {
  fileName: string
  label: string
  revision: number
  content_hash: string
  stream: Readable
}

export async function exportZipDownload(access: ReadAccess, o: { ref: string; includeMeta?: boolean }): Promise<ZipDownload> {
  requireReadAccess(access)
  parseInputSetRef(o.ref)
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'planning-hub-export-'))
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true })
  try {
    const result = await exportInputSet({ ref: o.ref, outDir: dir, actor: access.principal.actor, zip: true, includeMeta: o.includeMeta })
    const zip = result.zip!
    const stream = fs.createReadStream(zip)
    stream.once('close', () => void remove())
    return { fileName: path.basename(zip), label: result.label, revision: result.revision, content_hash: result.content_hash, stream }
  } catch (err) {
    await remove()
    throw err
  }
}
