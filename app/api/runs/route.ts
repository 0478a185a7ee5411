// GET /api/runs?label= — runs, newest first · POST /api/runs {plan_id} | {input_set_label, config_version_id} | {allow_legacy, legacy_reason} — 201 + the run
import { otherMethods } from '@/lib/http/route-methods'
import { json, withApi } from '@/lib/http/with-api'
import { createRun } from '@/lib/plans/create-run'
import { listRuns } from '@/lib/plans/read-run'
import { planApi } from '@/lib/plans/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi(planApi.listRuns, async ({ query, access }) => listRuns(access, { label: query.label, page: query.page, pageSize: query.page_size }))

export const POST = withApi(planApi.createRun, async ({ body, actor }) => {
  const run = await createRun({
    entrypoint: 'api',
    actor,
    planId: body.plan_id,
    inputSetLabel: body.input_set_label,
    configVersionId: body.config_version_id,
    pipeline: body.pipeline,
    allowLegacy: body.allow_legacy,
    legacyReason: body.legacy_reason,
  })
  return json({ run }, 201)
})

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST })
