// Byte records appended to numbered buckets that overflow to files in a private temporary folder,
// so an import keeps a fixed amount of per-row data in memory whatever the file's size
// (docs/speed.md, "Import"). Nothing touches the disk until a bucket's buffer fills; a small
// import never writes a file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export class SpillBuckets {
  private dir: string | undefined
  private readonly buffers: (Buffer | undefined)[]
  private readonly used: Uint32Array
  private readonly onDisk: boolean[]
  private scratch = Buffer.alloc(0)

  constructor(
    readonly count: number,
    private readonly bufferBytes: number,
  ) {
    this.buffers = new Array<Buffer | undefined>(count)
    this.used = new Uint32Array(count)
    this.onDisk = new Array<boolean>(count).fill(false)
  }

  /**
   * Room for `bytes` more bytes in `bucket`'s buffer (writing the buffer to its file when full):
   * the caller writes at the returned offset and then calls `commit`.
   */
  reserve(bucket: number, bytes: number): { buffer: Buffer; offset: number } {
    let buffer = this.buffers[bucket]
    if (!buffer) buffer = this.buffers[bucket] = Buffer.allocUnsafe(Math.max(this.bufferBytes, bytes))
    if (this.used[bucket] + bytes > buffer.length) {
      this.flush(bucket)
      if (bytes > buffer.length) buffer = this.buffers[bucket] = Buffer.allocUnsafe(bytes)
    }
    return { buffer, offset: this.used[bucket] }
  }

  commit(bucket: number, bytes: number): void {
    this.used[bucket] += bytes
  }

  append(bucket: number, source: Uint8Array): void {
    const { buffer, offset } = this.reserve(bucket, source.length)
    buffer.set(source, offset)
    this.commit(bucket, source.length)
  }

  /**
   * Everything appended to `bucket`, in order; its buffer is released. Read each bucket once, at
   * the end. The bytes are a view of one buffer reused by every take (reading all buckets leaves
   * no garbage the size of the data): use them before the next call.
   */
  take(bucket: number): Buffer {
    const buffer = this.buffers[bucket]
    const tailBytes = buffer ? this.used[bucket] : 0
    const file = this.onDisk[bucket] ? this.file(bucket) : undefined
    const fileBytes = file ? fs.statSync(file).size : 0
    if (this.scratch.length < fileBytes + tailBytes) this.scratch = Buffer.allocUnsafe(Math.ceil((fileBytes + tailBytes) * 1.25))
    if (file) {
      const fd = fs.openSync(file, 'r')
      try {
        for (let at = 0; at < fileBytes;) at += fs.readSync(fd, this.scratch, at, fileBytes - at, at)
      } finally {
        fs.closeSync(fd)
      }
      fs.rmSync(file)
    }
    if (buffer) buffer.copy(this.scratch, fileBytes, 0, tailBytes)
    this.buffers[bucket] = undefined
    this.used[bucket] = 0
    return this.scratch.subarray(0, fileBytes + tailBytes)
  }

  /** Removes the temporary folder, if one was made. */
  close(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true })
    this.dir = undefined
    this.buffers.fill(undefined)
    this.scratch = Buffer.alloc(0)
  }

  private flush(bucket: number): void {
    if (this.used[bucket] === 0) return
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-import-'))
    fs.appendFileSync(this.file(bucket), this.buffers[bucket]!.subarray(0, this.used[bucket]))
    this.onDisk[bucket] = true
    this.used[bucket] = 0
  }

  private file(bucket: number): string {
    return path.join(this.dir!, String(bucket))
  }
}
