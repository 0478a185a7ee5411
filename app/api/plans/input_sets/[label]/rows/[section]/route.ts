// GET /api/plans/input_sets/{label}/rows/{section} — one page of a section's rows in key order
// ETag from the content hash, section and page; immutable for label@N (docs/api.md, "Caching").
import { conditionalGet, validatorOf } from '@/lib/http/conditional'
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
  const validator = validatorOf({
    route: inputSetApi.rows.operationId,
    hashes: [version.contentHash],
    representation: { section: params.section, ...paging },
    pinned: version.pinned,
  })
  return conditionalGet(request, validator, () => listSectionRows(access, version.pinnedRef, params.section, paging))
})

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
