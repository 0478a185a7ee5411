// GET /api/docs/scalar.js — the reference component's browser build, served from this site so the
// page needs no CDN. It is public library code; the page that runs it requires a session.
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { otherMethods } from '@/lib/http/route-methods'
import { REFERENCE_SCRIPT_FILE } from '@/lib/openapi/reference-page'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  const { size } = await fs.promises.stat(REFERENCE_SCRIPT_FILE)
  return new Response(Readable.toWeb(fs.createReadStream(REFERENCE_SCRIPT_FILE)) as ReadableStream<Uint8Array>, {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'content-length': String(size), 'cache-control': 'public, max-age=3600' },
  })
}

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
