// A response body from lines produced one by one (CSV downloads): encoded in chunks of about
// 64 KiB as the client reads, so a large download is never held whole in memory.
const CHUNK_CHARS = 64 * 1024

export function textStream(lines: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = lines[Symbol.iterator]()
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = ''
      while (chunk.length < CHUNK_CHARS) {
        const next = iterator.next()
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk))
          controller.close()
          return
        }
        chunk += next.value
      }
      controller.enqueue(encoder.encode(chunk))
    },
    cancel() {
      iterator.return?.()
    },
  })
}
