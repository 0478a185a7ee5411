// GET /api/plans/input_sets/{label}/diff/rows/{section}?against=L2&kind=changed — one section's
// changed (or added, removed) rows of the cached report as a streamed CSV download. Until the
// report is ready it answers as the diff endpoint does: 202 + the job, or 500 for a failed one.
// A ready download carries the diff's kind of ETag; 304 on If-None-Match (docs/api.md, "Caching").
import { afterResponse } from '@/app/api/after-response'
import { kickDiffWorker } from '@/lib/diff/background'
import { requestDiff } from '@/lib/diff/request'
import { diffRowsCsv } from '@/lib/diff/rows-csv'
import { diffApi } from '@/lib/diff/operations'
import { conditionalGet } from '@/lib/http/conditional'
import { diffStateResponse, pairReportValidator } from '@/lib/http/diff-response'
import { otherMethods } from '@/lib/http/route-methods'
import { textStream } from '@/lib/http/text-stream'
import { withApi } from '@/lib/http/with-api'
import { NotFoundError } from '@/lib/errors'
import { DEFAULT_PAGE_SIZE } from '@/lib/schema'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(diffApi.rowsCsv, async ({ request, params, query, actor, access }) => {
  const view = { section: params.section, kind: query.kind }
  const { refs, validator, resolved } = await pairReportValidator(access, { current: params.label, against: query.against }, diffApi.rowsCsv.operationId, view)
  return conditionalGet(request, validator, async () => {
    const state = await requestDiff(access, refs, { requestedBy: actor.name, resolved })
    if (state.state !== 'ready') {
      if (state.state === 'queued') afterResponse(() => kickDiffWorker())
      return diffStateResponse(state, { page: 1, pageSize: DEFAULT_PAGE_SIZE })
    }
    const csv = diffRowsCsv(state.cached, state.pair, params.section, query.kind)
    if (!csv) throw new NotFoundError(`The diff report has no section '${params.section}'.`, { field: 'section' })
    return new Response(textStream(csv.lines), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${csv.fileName}"` },
    })
  })
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
