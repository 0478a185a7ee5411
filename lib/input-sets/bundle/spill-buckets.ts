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

  /** Everything appended to `bucket`, in order; its buffer is released. Read each bucket once, at the end. */
  take(bucket: number): Buffer {
    const buffer = this.buffers[bucket]
    const tail = buffer ? buffer.subarray(0, this.used[bucket]) : Buffer.alloc(0)
    this.buffers[bucket] = undefined
    this.used[bucket] = 0
    if (!this.onDisk[bucket]) return tail
    return Buffer.concat([fs.readFileSync(this.file(bucket)), tail])
  }

  /** Removes the temporary folder, if one was made. */
  close(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true })
    this.dir = undefined
    this.buffers.fill(undefined)
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
