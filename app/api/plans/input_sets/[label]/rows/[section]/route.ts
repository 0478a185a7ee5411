// GET /api/plans/input_sets/{label}/rows/{section} — one page of a section's rows in key order
// ETag from the content hash, section and page; immutable for label@N (docs/api.md, "Caching").
import { revisionAnswer } from '@/lib/http/conditional'
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { revisionVersion } from '@/lib/input-sets/queries/answer-version'
import { listSectionRows } from '@/lib/input-sets/queries/rows'
import { inputSetApi } from '@/lib/input-sets/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.rows, async ({ request, params, query, access }) => {
  const version = await revisionVersion(access, params.label)
  const paging = { page: query.page, pageSize: query.page_size }
  return revisionAnswer(request, { route: inputSetApi.rows.operationId, version, representation: { section: params.section, ...paging } }, (ref) =>
    listSectionRows(access, ref, params.section, paging),
  )
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
