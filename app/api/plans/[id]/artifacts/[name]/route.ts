// GET /api/plans/{id}/artifacts/{name} — planning_input_set.json or plan_output.json as a download
import { Readable } from 'node:stream'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { openArtifact } from '@/lib/plans/artifacts'
import { planApi } from '@/lib/plans/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(planApi.artifact, async ({ params }) => {
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
