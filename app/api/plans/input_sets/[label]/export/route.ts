// GET /api/plans/input_sets/{label}/export?format=zip — the revision as a bundle zip that re-imports to the same content hash
import { Readable } from 'node:stream'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { inputSetApi } from '@/lib/input-sets/operations'
import { exportZipDownload } from '@/lib/input-sets/verbs/export-download'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.export, async ({ params, query, access }) => {
  const zip = await exportZipDownload(access, { ref: params.label, includeMeta: query.include_meta })
  return new Response(Readable.toWeb(zip.stream) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${zip.fileName}"`,
      'x-content-hash': zip.content_hash,
      'x-revision': String(zip.revision),
    },
  })
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
