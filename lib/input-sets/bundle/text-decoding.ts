// Strict UTF-8 decoding for uploaded text files: a BOM is dropped, UTF-16 and invalid
// byte sequences are refused with the line they occur on instead of being replaced; so is NUL.
import { Transform, type TransformCallback } from 'node:stream'

export class EncodingError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

export function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lines = 1
  let first = true
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (first) {
        first = false
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
          return done(new EncodingError('the file is UTF-16 encoded; save it as UTF-8', 1))
        }
      }
      let text: string
      try {
        text = decoder.decode(chunk, { stream: true })
      } catch {
        const lenient = new TextDecoder('utf-8').decode(chunk)
        const bad = lenient.indexOf('\uFFFD')
        const line = lines + countNewlines(lenient.slice(0, Math.max(bad, 0)))
        return done(new EncodingError('the file contains bytes that are not valid UTF-8', line))
      }
      // PostgreSQL cannot store NUL in text, and no CSV holds one: it is binary data, or UTF-16 without a BOM.
      const nul = text.indexOf('\u0000')
      if (nul >= 0) {
        return done(
          new EncodingError('the file contains a NUL character (binary data, or UTF-16 without a byte-order mark)', lines + countNewlines(text.slice(0, nul))),
        )
      }
      lines += countNewlines(text)
      done(null, text)
    },
    flush(done: TransformCallback) {
      try {
        const rest = decoder.decode()
        done(null, rest || undefined)
      } catch {
        done(new EncodingError('the file ends inside an incomplete UTF-8 character', lines))
      }
    },
  })
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}
