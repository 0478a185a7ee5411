// GET /api/plans/input_sets — paged list with status counts · POST — upload a bundle as a new draft
import { otherMethods } from '@/lib/http/route-methods'
import { json, withApi } from '@/lib/http/with-api'
import { listInputSetPage } from '@/lib/input-sets/queries/list'
import { inputSetApi } from '@/lib/input-sets/operations'
import { importUpload } from '@/lib/input-sets/verbs/import-upload'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(inputSetApi.list, async ({ query, access }) =>
  listInputSetPage(access, {
    page: query.page,
    pageSize: query.page_size,
    status: query.status,
    configVersionId: query.config_version_id,
    q: query.q,
    awaitingReview: query.awaiting_review,
  }),
)

export const POST = withApi(inputSetApi.upload, async ({ query, body, files, actor }) => {
  // replace_draft as a form field or in the query; either one set to true is enough.
  const result = await importUpload({ ...body, replaceDraft: body.replaceDraft || query.replace_draft === true, files, actor })
  // validate_only writes nothing: 200 with the report; otherwise 201 with the new draft.
  return result.input_set ? json(result, 201) : { report: result.report }
})

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
