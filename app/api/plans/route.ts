// GET /api/plans?label=&page=&page_size= — plans, newest first · POST /api/plans {config_version_id, input_set_label} — 201 + the plan
import { otherMethods } from '@/lib/http/route-methods'
import { json, withApi } from '@/lib/http/with-api'
import { createPlan } from '@/lib/plans/create-plan'
import { listPlans } from '@/lib/plans/list-plans'
import { planApi } from '@/lib/plans/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(planApi.list, async ({ query, access }) => listPlans(access, { label: query.label, page: query.page, pageSize: query.page_size }))

export const POST = withApi(planApi.create, async ({ body, actor }) =>
  json({ plan: await createPlan({ configVersionId: body.config_version_id, inputSetLabel: body.input_set_label, actor }) }, 201),
)

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
