// GET /api/plans/input_sets — paged list with status counts · POST — upload a bundle as a new draft
import { env } from '@/lib/env'
import { InvalidError } from '@/lib/errors'
import { json, withApi } from '@/lib/http/with-api'
import { importUpload } from '@/lib/input-sets/import-upload'
import { listInputSetPage } from '@/lib/input-sets/list'
import type { ValidationReport } from '@/lib/input-sets/report'
import { listQuery, uploadFields } from '@/lib/input-sets/schema'
import { logInfo } from '@/lib/log'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withApi({ scope: 'input_sets:read', query: listQuery }, async ({ query }) =>
  listInputSetPage({
    page: query.page,
    pageSize: query.page_size,
    status: query.status,
    configVersionId: query.config_version_id,
    q: query.q,
  }),
)

export const POST = withApi(
  { scope: 'input_sets:write', body: uploadFields, multipart: { fileField: 'files', maxBytes: () => env().MAX_UPLOAD_BYTES } },
  async ({ body, files, actor, principal }) => {
    // The portal's upload page sends here with the session cookie; its uploads keep their own log line.
    const portal = principal.via === 'session'
    const mode = body.validateOnly ? 'validate' : 'create'
    let result: Awaited<ReturnType<typeof importUpload>>
    try {
      result = await importUpload({ ...body, files, actor })
    } catch (err) {
      const report = failedReport(err)
      if (portal && report) logInfo('portal_upload', { label: report.label, mode, ok: false, errors: report.counts.errors, actor: actor.id })
      throw err
    }
    if (portal) logInfo('portal_upload', { label: result.report.label, mode, ok: true, revision: result.report.revision ?? null, actor: actor.id })
    // validate_only writes nothing: 200 with the report; otherwise 201 with the new draft.
    return result.input_set ? json(result, 201) : { report: result.report }
  },
)

function failedReport(err: unknown): ValidationReport | undefined {
  if (!(err instanceof InvalidError) || err.code !== 'validation_failed') return undefined
  return (err.details as { report?: ValidationReport } | undefined)?.report
}
