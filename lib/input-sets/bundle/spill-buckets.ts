// Byte records appended to numbered buckets that overflow to files in a private temporary folder,
// so an import keeps a fixed amount of per-row data in memory whatever the file's size
// (docs/speed.md, "Import"). Nothing touches the disk until a bucket's buffer fills; a small
// import never writes a file. Full buffers are written asynchronously (a REST upload imports on
// the web server's event loop, which a synchronous write would stop): the writer checks
// `backlogged` now and then and awaits `drained()`, so unwritten buffers stay bounded.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Bytes handed to the disk but not yet written before the writer is asked to wait. */
export const MAX_IN_FLIGHT_BYTES = 1024 * 1024

export class SpillBuckets {
  private dir: string | undefined
  private readonly buffers: (Buffer | undefined)[]
  private readonly used: Uint32Array
  private readonly onDisk: boolean[]
  /** Per bucket, the last write queued: a bucket's writes run one after another, in order. */
  private readonly tails: (Promise<void> | undefined)[]
  /** Buffers whose write has finished, to be filled again (no garbage per flush). */
  private readonly free: Buffer[] = []
  private inFlight = 0
  private failure: { error: unknown } | undefined
  private scratch = Buffer.alloc(0)
  /** The buffer of the bucket last reserved: write at the offset `reserve` returned. */
  target: Buffer = Buffer.alloc(0)

  constructor(
    readonly count: number,
    private readonly bufferBytes: number,
  ) {
    this.buffers = new Array<Buffer | undefined>(count)
    this.used = new Uint32Array(count)
    this.onDisk = new Array<boolean>(count).fill(false)
    this.tails = new Array<Promise<void> | undefined>(count)
  }

  /**
   * Room for `bytes` more bytes in `bucket`'s buffer (queueing the buffer's write when full): the
   * caller writes into `target` at the returned offset and then calls `commit`.
   */
  reserve(bucket: number, bytes: number): number {
    let buffer = this.buffers[bucket]
    if (buffer && this.used[bucket] + bytes > buffer.length) {
      this.flush(bucket)
      buffer = undefined
    }
    if (!buffer)
      buffer = this.buffers[bucket] = bytes <= this.bufferBytes ? (this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes)) : Buffer.allocUnsafeSlow(bytes)
    this.target = buffer
    return this.used[bucket]
  }

  commit(bucket: number, bytes: number): void {
    this.used[bucket] += bytes
  }

  /** True while so many bytes wait to be written that the writer should await `drained()`. */
  get backlogged(): boolean {
    return this.inFlight > MAX_IN_FLIGHT_BYTES || this.failure !== undefined
  }

  /** Resolves once every write queued so far has finished; rejects with the first write that failed. */
  async drained(): Promise<void> {
    await Promise.all(this.tails)
    if (this.failure) throw this.failure.error
  }

  /**
   * Everything appended to `bucket`, in order; its buffer is released. Read each bucket once, at
   * the end. The bytes are a view of one buffer reused by every take (reading all buckets leaves
   * no garbage the size of the data): use them before the next call.
   */
  async take(bucket: number): Promise<Buffer> {
    await this.tails[bucket]
    if (this.failure) throw this.failure.error
    const buffer = this.buffers[bucket]
    const tailBytes = buffer ? this.used[bucket] : 0
    const file = this.onDisk[bucket] ? this.file(bucket) : undefined
    const handle = file ? await fs.promises.open(file, 'r') : undefined
    try {
      const fileBytes = handle ? (await handle.stat()).size : 0
      if (this.scratch.length < fileBytes + tailBytes) this.scratch = Buffer.allocUnsafeSlow(Math.ceil((fileBytes + tailBytes) * 1.25))
      for (let at = 0; at < fileBytes;) {
        const { bytesRead } = await handle!.read(this.scratch, at, fileBytes - at, at)
        if (bytesRead === 0) throw new Error(`${file} ended after ${at} of ${fileBytes} bytes`)
        at += bytesRead
      }
      if (buffer) buffer.copy(this.scratch, fileBytes, 0, tailBytes)
      this.buffers[bucket] = undefined
      this.used[bucket] = 0
      return this.scratch.subarray(0, fileBytes + tailBytes)
    } finally {
      await handle?.close()
      if (file) await fs.promises.rm(file, { force: true })
    }
  }

  /** Removes the temporary folder, if one was made, once writes in progress have ended. */
  async close(): Promise<void> {
    await Promise.all(this.tails)
    if (this.dir) await fs.promises.rm(this.dir, { recursive: true, force: true })
    this.dir = undefined
    this.buffers.fill(undefined)
    this.free.length = 0
    this.scratch = Buffer.alloc(0)
  }

  private flush(bucket: number): void {
    const buffer = this.buffers[bucket]!
    const bytes = this.used[bucket]
    this.buffers[bucket] = undefined
    this.used[bucket] = 0
    if (bytes === 0) return
    // Once, and small: the folder every bucket file goes into.
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-import-'))
    this.onDisk[bucket] = true
    this.inFlight += bytes
    const file = this.file(bucket)
    const previous = this.tails[bucket] ?? Promise.resolve()
    this.tails[bucket] = previous
      .then(() => (this.failure ? undefined : appendToFile(file, buffer.subarray(0, bytes))))
      .then(
        () => {
          if (buffer.length === this.bufferBytes) this.free.push(buffer)
        },
        (error: unknown) => {
          this.failure ??= { error }
        },
      )
      .finally(() => {
        this.inFlight -= bytes
      })
  }

  private file(bucket: number): string {
    return path.join(this.dir!, String(bucket))
  }
}

/** fs.appendFile with a callback: lighter on the event loop than fs.promises' file handles, once per flush. */
function appendToFile(file: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => fs.appendFile(file, data, (error) => (error ? reject(error) : resolve())))
}
