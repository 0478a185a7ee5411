// GET /api/docs/scalar.js — the reference component's browser build, served from this site so the
// page needs no CDN. It is public library code; the page that runs it requires a session. The
// file (about 5 MB) is read once per process and answered from memory.
import fs from 'node:fs'
import { otherMethods } from '@/lib/http/route-methods'
import { REFERENCE_SCRIPT_FILE } from '@/lib/openapi/reference-page'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

let script: Promise<Buffer> | undefined

export async function GET(): Promise<Response> {
  const body = await (script ??= fs.promises.readFile(REFERENCE_SCRIPT_FILE))
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  })
}

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
