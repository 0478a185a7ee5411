// Request bodies with a size limit. The limit is checked twice: against Content-Length
// before reading (cheap, honest clients) and by counting bytes while reading (chunked
// or lying clients), so an oversized upload is refused before anything is written.
// Uploads (multipart/form-data) are read by multipart-upload.ts on top of limitedBody.
import { InvalidError, TooLargeError } from '../errors'

const MIB = 1024 * 1024
const JSON_LIMIT = 64 * 1024

function tooLarge(limit: number): TooLargeError {
  const size = limit >= MIB ? `${(limit / MIB).toFixed(limit % MIB ? 1 : 0)} MiB` : `${limit} bytes`
  return new TooLargeError(`The request body is larger than the limit of ${size}.`, { limit_bytes: limit })
}

/** The request body as a stream that fails once more than `limit` bytes have passed. */
export function limitedBody(request: Request, limit: number): { stream: ReadableStream<Uint8Array>; exceeded: () => boolean } {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit)
  let seen = 0
  let over = false
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength
      if (seen > limit) {
        over = true
        controller.error(tooLarge(limit))
        return
      }
      controller.enqueue(chunk)
    },
  })
  const source = request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
  return { stream: source.pipeThrough(counter), exceeded: () => over }
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
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidError('The request body is not valid JSON.', { field: 'body' })
  }
}
