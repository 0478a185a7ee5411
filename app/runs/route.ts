// POST /runs {pipeline, async, options: {input_set_label, config_version_id, …}} — the older run entrypoint;
// same rules as POST /api/runs, and every option as sent (unknown ones too) is kept with the run
import { otherMethods } from '@/lib/http/route-methods'
import { json, withApi } from '@/lib/http/with-api'
import { createRun } from '@/lib/plans/create-run'
import { planApi } from '@/lib/plans/operations'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const POST = withApi(planApi.runsCompat, async ({ body, actor }) => {
  const { options } = body
  const run = await createRun({
    entrypoint: 'runs_compat',
    actor,
    planId: options.plan_id,
    inputSetLabel: options.input_set_label,
    configVersionId: options.config_version_id,
    pipeline: body.pipeline,
    allowLegacy: options.allow_legacy,
    legacyReason: options.legacy_reason,
    options: { ...options, ...(body.async !== undefined ? { async: body.async } : {}) },
  })
  return json({ run }, 201)
})

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST })
