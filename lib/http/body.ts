// Request bodies with a size limit. The limit is checked twice: against Content-Length
// before reading (cheap, honest clients) and by counting bytes while reading (chunked
// or lying clients), so an oversized upload is refused before anything is written.
import { InvalidError, TooLargeError } from '../errors'
import type { UploadedFile } from '../input-sets/import-upload'

const MIB = 1024 * 1024
const JSON_LIMIT = 64 * 1024

function tooLarge(limit: number): TooLargeError {
  const size = limit >= MIB ? `${(limit / MIB).toFixed(limit % MIB ? 1 : 0)} MiB` : `${limit} bytes`
  return new TooLargeError(`The request body is larger than the limit of ${size}.`, { limit_bytes: limit })
}

/** The request body as a stream that fails once more than `limit` bytes have passed. */
function limitedBody(request: Request, limit: number): { stream: ReadableStream<Uint8Array>; exceeded: () => boolean } {
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

/** Parses multipart/form-data within `limit` bytes. */
export async function readMultipart(request: Request, limit: number): Promise<FormData> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new InvalidError('Send the upload as multipart/form-data (curl -F).', { field: 'content-type' })
  }
  const body = limitedBody(request, limit)
  try {
    return await new Response(body.stream, { headers: { 'content-type': type } }).formData()
  } catch (err) {
    if (body.exceeded()) throw tooLarge(limit)
    throw new InvalidError(`The upload is not valid multipart/form-data: ${(err as Error).message}`, { field: 'body' })
  }
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

/** Text fields (last value wins) and the files sent under `fileField`; files under other names are refused. */
export async function formParts(form: FormData, fileField: string): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const fields: Record<string, string> = {}
  const files: UploadedFile[] = []
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name === fileField) throw new InvalidError(`'${fileField}' must be a file part (curl -F '${fileField}=@path').`, { field: fileField })
      fields[name] = value
    } else if (name === fileField) {
      files.push({ name: value.name, data: Buffer.from(await value.arrayBuffer()) })
    } else {
      throw new InvalidError(`Unexpected file field '${name}'; send files as '${fileField}'.`, { field: name })
    }
  }
  return { fields, files }
}
