// GET /api/plans/{id}/artifacts/{name} — planning_input_set.json or plan_output.json as a download
import { Readable } from 'node:stream'
import { z } from 'zod'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { ARTIFACT_NAMES, openArtifact } from '@/lib/plans/artifacts'
import { idParams } from '@/lib/plans/schema'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

// Only the known names: the file path is built from this list, never from the request.
const params = idParams.extend({ name: z.enum(ARTIFACT_NAMES, { error: `name must be one of ${ARTIFACT_NAMES.join(', ')}` }) })

export const GET = withApi({ scope: 'input_sets:read', params }, async ({ params }) => {
  const file = await openArtifact(params.id, params.name)
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/json',
      'content-disposition': `attachment; filename="plan-${params.id}-${file.name}"`,
      'content-length': String(file.bytes),
      'x-sha256': file.sha256,
    },
  })
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
