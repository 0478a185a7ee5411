// Request bodies with a size limit. The limit is checked twice: against Content-Length
// before reading (cheap, honest clients) and by counting bytes while reading (chunked
// or lying clients), so an oversized upload is refused before anything is written.
// Uploads (multipart/form-data) are read by multipart-upload.ts on top of limitedBody.
import { InvalidError, TooLargeError } from '../errors'

const MIB = 1024 * 1024
const JSON_LIMIT = 64 * 1024
// Request bodies here are flat records; run options may hold a few levels of their own.
export const MAX_JSON_DEPTH = 64

function tooLarge(limit: number): TooLargeError {
  const size = limit >= MIB ? `${(limit / MIB).toFixed(limit % MIB ? 1 : 0)} MiB` : `${limit} bytes`
  return new TooLargeError(`The request body is larger than the limit of ${size}.`, { limit_bytes: limit })
}

/**
 * The request body as a stream that fails once more than `limit` bytes have passed. It reads the
 * request only when its own reader asks (no read-ahead, unlike pipeThrough), so no read of the
 * request is ever in flight when the stream is cancelled: cancelling the body Next hands us
 * (Node's fetch wrapper of the socket) during a pending read makes that wrapper close an already
 * closed stream later, an uncaught exception after the response has gone out.
 */
export function limitedBody(request: Request, limit: number): { stream: ReadableStream<Uint8Array>; exceeded: () => boolean } {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit)
  let seen = 0
  let over = false
  const source = (request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })).getReader()
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.read()
        if (next.done) return controller.close()
        seen += next.value.byteLength
        if (seen > limit) {
          over = true
          await source.cancel().catch(() => undefined)
          return controller.error(tooLarge(limit))
        }
        controller.enqueue(next.value)
      },
      // The reader stopped early (a refused part). Cancelling an unfinished request body resets the
      // connection, and a client still sending would never read its 400: read the rest (up to the
      // limit) and drop it, after the response if need be.
      cancel() {
        void (async () => {
          for (let next = await source.read(); !next.done; next = await source.read()) {
            seen += next.value.byteLength
            if (seen > limit) return source.cancel()
          }
        })().catch(() => undefined)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, exceeded: () => over }
}

/** Parses a JSON body (small: review requests and the like). */
export async function readJson(request: Request, limit = JSON_LIMIT): Promise<unknown> {
  const body = limitedBody(request, limit)
  let text: string
  try {
    text = await new Response(body.stream).text()
  } catch (err) {
    if (body.exceeded()) throw tooLarge(limit)
    throw err
  }
  if (!text.trim()) throw new InvalidError('The request body must be a JSON object.', { field: 'body' })
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new InvalidError(`The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`, { field: 'body', max_depth: MAX_JSON_DEPTH })
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidError('The request body is not valid JSON.', { field: 'body' })
  }
}

/**
 * The deepest nesting of objects and arrays in JSON text, counted outside strings without parsing.
 * JSON.parse copes with any depth, but the code after it walks values recursively (validation,
 * JSON.stringify of stored options), and thousands of levels overflow the stack there.
 */
export function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      // An escaped character (\" included) never ends the string.
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth)
    else if (c === '}' || c === ']') depth--
  }
  return deepest
}
