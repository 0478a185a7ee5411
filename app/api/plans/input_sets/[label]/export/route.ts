// GET /api/plans/input_sets/{label}/export?format=zip — the revision as a bundle zip that re-imports to the same content hash
// ETag from the content hash, the status and approval its datapackage.json records, and the format (docs/api.md, "Caching").
import { Readable } from 'node:stream'
import { revisionAnswer } from '@/lib/http/conditional'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { exportVersion } from '@/lib/input-sets/queries/answer-version'
import { inputSetApi } from '@/lib/input-sets/operations'
import { exportZipDownload } from '@/lib/input-sets/verbs/export-download'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.export, async ({ request, params, query, access }) => {
  const version = await exportVersion(access, params.label)
  const representation = { format: query.format, include_meta: query.include_meta }
  return revisionAnswer(request, { route: inputSetApi.export.operationId, version, representation }, async (ref) => {
    const zip = await exportZipDownload(access, { ref, includeMeta: query.include_meta })
    return new Response(Readable.toWeb(zip.stream) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${zip.fileName}"`,
        'x-content-hash': zip.content_hash,
        'x-revision': String(zip.revision),
      },
    })
  })
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
