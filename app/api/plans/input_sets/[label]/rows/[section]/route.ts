// GET /api/plans/input_sets/{label}/rows/{section} — one page of a section's rows in key order
import { otherMethods } from '@/lib/http/route-methods'
import { withApi } from '@/lib/http/with-api'
import { listSectionRows } from '@/lib/input-sets/queries/rows'
import { rowsParams, rowsQuery } from '@/lib/input-sets/schema'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi({ scope: 'input_sets:read', params: rowsParams, query: rowsQuery }, async ({ params, query, access }) =>
  listSectionRows(access, params.label, params.section, { page: query.page, pageSize: query.page_size }),
)

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET })
