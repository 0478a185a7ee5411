// A multipart/form-data upload read as it arrives: each file part is written to its own file in
// a spool folder made for this request, text fields stay in memory under a small cap. Memory
// therefore stays flat whatever the size of the files; MAX_UPLOAD_BYTES bounds the disk used.
// The caller removes the folder with dispose() once it is done with the files; on any failure
// while reading, the folder is removed here before the error is thrown. Only a server killed
// mid-upload leaves its folder behind; later uploads remove such folders once they are stale.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DomainError, InvalidError } from '../errors'
import { errorFields, logError } from '../log'
import type { SpooledFile } from '../input-sets/bundle/bundle-source'
import { limitedBody } from './body'
import { boundaryOf, malformed } from './multipart-headers'
import { multipartEvents, type MultipartEvent } from './multipart'

export type Upload = { fields: Record<string, string>; files: SpooledFile[]; dispose(): Promise<void> }

export type UploadOptions = {
  /** Files are accepted under this field name only. */
  fileField: string
  /** The whole body, in bytes (413 above it). */
  maxBytes: number
  /** One text field, in bytes. */
  maxFieldBytes?: number
  /** All text fields together, in bytes. */
  maxTextBytes?: number
  maxParts?: number
  maxHeaderBytes?: number
  /** The folder holding the per-request spool folders (default: planning-hub-uploads in the OS temp folder). */
  spoolRoot?: string
}

const KIB = 1024
// No upload runs this long, so an older folder was left by a server that died mid-upload.
const STALE_MS = 24 * 60 * 60 * 1000

export async function readUpload(request: Request, o: UploadOptions): Promise<Upload> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new InvalidError('Send the upload as multipart/form-data (curl -F).', { field: 'content-type' })
  }
  const boundary = boundaryOf(type)
  if (!boundary) throw new InvalidError('The upload is not valid multipart/form-data: its Content-Type has no valid boundary.', { field: 'content-type' })
  const body = limitedBody(request, o.maxBytes)
  const root = o.spoolRoot ?? path.join(os.tmpdir(), 'planning-hub-uploads')
  await fs.promises.mkdir(root, { recursive: true, mode: 0o700 })
  await removeStale(root)
  const dir = await fs.promises.mkdtemp(path.join(root, 'upload-'))
  // Never rejects: a folder that cannot be removed is logged, not allowed to replace the response.
  const dispose = () =>
    fs.promises.rm(dir, { recursive: true, force: true }).catch((err: unknown) => logError('upload_spool_cleanup_failed', { dir, ...errorFields(err) }))
  const form = new FormCollector(dir, o)
  try {
    const events = multipartEvents(chunksOf(body.stream), boundary, { maxParts: o.maxParts ?? 1000, maxHeaderBytes: o.maxHeaderBytes ?? 16 * KIB })
    for await (const event of events) await form.take(event)
    return { fields: form.fields, files: form.files, dispose }
  } catch (err) {
    await form.abandon()
    await dispose()
    throw err
  }
}

async function removeStale(root: string): Promise<void> {
  for (const name of await fs.promises.readdir(root)) {
    const dir = path.join(root, name)
    const stat = await fs.promises.stat(dir).catch(() => undefined)
    if (stat && Date.now() - stat.mtimeMs > STALE_MS) await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
}

/** The body's chunks as Buffers; a failure to read it (a client gone mid-upload) is a 400, a 413 stays a 413. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = stream.getReader()
  let done = false
  try {
    while (!done) {
      const next = await reader.read().catch((err: unknown) => {
        throw err instanceof DomainError ? err : malformed(`the body could not be read to its end (${(err as Error)?.message ?? String(err)})`)
      })
      done = next.done
      if (next.value) yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength)
    }
  } finally {
    // Stopped early (a refused part): stop reading the rest of the body too.
    if (!done) await reader.cancel().catch(() => undefined)
  }
}

type TextPart = { kind: 'text'; name: string; chunks: Buffer[]; size: number }
type FilePart = { kind: 'file'; handle: fs.promises.FileHandle; file: SpooledFile }

/** Turns parser events into fields and spooled files, checking each part as it starts. */
class FormCollector {
  readonly fields: Record<string, string> = {}
  readonly files: SpooledFile[] = []
  private current: TextPart | FilePart | undefined
  private textBytes = 0
  private readonly maxFieldBytes: number
  private readonly maxTextBytes: number

  constructor(
    private readonly dir: string,
    private readonly o: UploadOptions,
  ) {
    this.maxFieldBytes = o.maxFieldBytes ?? 64 * KIB
    this.maxTextBytes = o.maxTextBytes ?? 256 * KIB
  }

  async take(event: MultipartEvent): Promise<void> {
    if (event.kind === 'part') {
      const { name, filename } = event.headers
      const field = this.o.fileField
      if (filename === undefined) {
        if (name === field) throw new InvalidError(`'${field}' must be a file part (curl -F '${field}=@path').`, { field })
        this.current = { kind: 'text', name, chunks: [], size: 0 }
        return
      }
      if (name !== field) throw new InvalidError(`Unexpected file field '${name}'; send files as '${field}'.`, { field: name })
      // Spooled under a number, never the client's name: that name is only checked later.
      const file: SpooledFile = { name: filename, path: path.join(this.dir, String(this.files.length)), size: 0 }
      this.current = { kind: 'file', handle: await fs.promises.open(file.path, 'wx'), file }
      this.files.push(file)
    } else if (event.kind === 'data') {
      const part = this.current!
      if (part.kind === 'file') {
        await writeAll(part.handle, event.data)
        part.file.size += event.data.length
        return
      }
      part.size += event.data.length
      this.textBytes += event.data.length
      if (part.size > this.maxFieldBytes) throw new InvalidError(`Field '${part.name}' is longer than ${this.maxFieldBytes / KIB} KiB.`, { field: part.name })
      if (this.textBytes > this.maxTextBytes) throw new InvalidError(`The text fields come to more than ${this.maxTextBytes / KIB} KiB.`, { field: part.name })
      // A copy: the event's bytes are a view of a whole body chunk, which must not stay pinned.
      part.chunks.push(Buffer.from(event.data))
    } else {
      const part = this.current!
      this.current = undefined
      // A repeated field keeps its last value.
      if (part.kind === 'text') this.fields[part.name] = Buffer.concat(part.chunks).toString('utf8')
      else await part.handle.close()
    }
  }

  /** Closes a file left open by a failure, so its folder can be removed. */
  async abandon(): Promise<void> {
    if (this.current?.kind === 'file') await this.current.handle.close().catch(() => undefined)
    this.current = undefined
  }
}

async function writeAll(handle: fs.promises.FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length;) offset += (await handle.write(data, offset)).bytesWritten
}
