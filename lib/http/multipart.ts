// A streaming multipart/form-data parser (RFC 7578 framing per RFC 2046 §5.1.1): it turns
// body chunks into part / data / end events and never holds more than one chunk plus a
// delimiter's length (or a part's header block, which is capped), so a file part of any size
// passes through in bounded memory. The consumer pulls events one at a time, which carries its
// back-pressure (a slow disk) to the socket. Anything malformed is an InvalidError naming the
// body, never a crash.
import { malformed, parsePartHeaders, type PartHeaders } from './multipart-headers'

export type MultipartEvent = { kind: 'part'; headers: PartHeaders } | { kind: 'data'; data: Buffer } | { kind: 'end' }

export type MultipartLimits = { maxParts: number; maxHeaderBytes: number }

const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')
// Spaces and tabs a sender may put between a boundary and its line end (RFC 2046 transport-padding).
const MAX_PADDING = 256

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'epilogue'

/** Events of the body's parts in order: `part`, any number of `data`, `end`; then the body's end. */
export async function* multipartEvents(chunks: AsyncIterable<Buffer>, boundary: string, limits: MultipartLimits): AsyncGenerator<MultipartEvent> {
  // Every delimiter is CRLF--boundary; the CRLF before the first one is optional, so one is
  // put in front of the body and any preamble is skipped like text between parts.
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let pending: Buffer = CRLF
  let state = 'preamble' as State
  let parts = 0

  function* advance(): Generator<MultipartEvent> {
    for (;;) {
      if (state === 'preamble' || state === 'body') {
        const at = pending.indexOf(delimiter)
        if (at < 0) {
          // The tail may be the start of a delimiter split across chunks: keep it for the next one.
          const keep = Math.min(pending.length, delimiter.length - 1)
          if (state === 'body' && pending.length > keep) yield { kind: 'data', data: pending.subarray(0, pending.length - keep) }
          pending = pending.subarray(pending.length - keep)
          return
        }
        if (state === 'body') {
          if (at > 0) yield { kind: 'data', data: pending.subarray(0, at) }
          yield { kind: 'end' }
        }
        pending = pending.subarray(at + delimiter.length)
        state = 'delimiter'
      } else if (state === 'delimiter') {
        if (pending.length < 2) return
        if (pending[0] === 0x2d && pending[1] === 0x2d) {
          state = 'epilogue'
          continue
        }
        let i = 0
        while (i < pending.length && (pending[i] === 0x20 || pending[i] === 0x09)) i++
        if (i > MAX_PADDING) throw malformed('a boundary line is followed by too much padding')
        if (pending.length < i + 2) return
        if (pending[i] !== 0x0d || pending[i + 1] !== 0x0a) throw malformed(`the boundary '${boundary}' is followed by other text on its line`)
        if (++parts > limits.maxParts) throw malformed(`it has more than ${limits.maxParts} parts`)
        pending = pending.subarray(i + 2)
        state = 'headers'
      } else if (state === 'headers') {
        // A blank line at once is a part without headers; parsePartHeaders then refuses it for lacking a name.
        const bare = pending.length >= 2 && pending[0] === 0x0d && pending[1] === 0x0a
        const end = bare ? 0 : pending.indexOf(HEADER_END)
        if (end > limits.maxHeaderBytes || (end < 0 && pending.length > limits.maxHeaderBytes)) {
          throw malformed(`a part's headers are longer than ${limits.maxHeaderBytes} bytes`)
        }
        if (end < 0) return
        yield { kind: 'part', headers: parsePartHeaders(pending.subarray(0, end).toString('utf8')) }
        pending = pending.subarray(bare ? 2 : end + HEADER_END.length)
        state = 'body'
      } else {
        // Text after the close delimiter carries nothing (RFC 2046 epilogue); it is read and dropped.
        pending = Buffer.alloc(0)
        return
      }
    }
  }

  for await (const chunk of chunks) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
    yield* advance()
  }
  if (state !== 'epilogue') throw malformed(`the body ends before the closing boundary '--${boundary}--'`)
}
