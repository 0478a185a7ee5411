// GET /api/plans/input_sets/{label}/rows/{section} — one page of a section's rows in key order
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { listSectionRows } from '@/lib/input-sets/queries/rows'
import { inputSetApi } from '@/lib/input-sets/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.rows, async ({ params, query, access }) =>
  listSectionRows(access, params.label, params.section, { page: query.page, pageSize: query.page_size }),
)

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
