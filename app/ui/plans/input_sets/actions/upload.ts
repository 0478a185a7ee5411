'use server'
// The upload page's action: "Validate" runs the import with validate_only (nothing is
// written) and "Create draft" re-submits the same files for real, which validates them
// again inside the writing transaction. Next refuses an action whose Origin is not this
// site's host (no serverActions.allowedOrigins is configured: keep it that way) and the
// session cookie is SameSite=Lax. The actor is the signed-in user, never a form field.
import { formatBytes, type UploadMode, type UploadState, type UploadTarget } from '@/components/upload-form-state'
import { env } from '@/lib/env'
import { DomainError, InvalidError, TooLargeError } from '@/lib/errors'
import { parseWith } from '@/lib/http/parse'
import { importUpload, type UploadedFile } from '@/lib/input-sets/import-upload'
import { assertImportableLabel } from '@/lib/input-sets/labels'
import type { ValidationReport } from '@/lib/input-sets/report'
import { uploadFields } from '@/lib/input-sets/schema'
import { logInfo } from '@/lib/log'
import { actingPrincipal, unexpectedFailure } from './action-support'
import { describeUploadTarget } from './upload-target'

export async function uploadBundle(_previous: UploadState, form: FormData): Promise<UploadState> {
  const mode: UploadMode = form.get('intent') === 'create' ? 'create' : 'validate'
  const who = await actingPrincipal('input_sets:write')
  if ('refusal' in who) return { kind: 'error', mode, message: who.refusal }
  let target: UploadTarget | undefined
  let files: UploadedFile[] = []
  try {
    files = await uploadedFiles(form)
    const fields = parseWith(
      uploadFields,
      {
        label: text(form, 'label'),
        config_version_id: text(form, 'config_version_id'),
        comment: text(form, 'comment'),
        // An unticked checkbox sends nothing, which the shared schema would read as its default (true).
        inherit: form.get('inherit') === null ? 'false' : 'true',
        validate_only: mode === 'validate' ? 'true' : 'false',
      },
      'body',
    )
    target = await describeUploadTarget(assertImportableLabel(fields.label))
    const { report } = await importUpload({ ...fields, files, actor: who.principal.actor })
    logInfo('portal_upload', { label: report.label, mode, ok: true, revision: report.revision ?? null, actor: who.principal.actor.id })
    return { kind: 'report', mode, report, target, files: files.map((f) => f.name) }
  } catch (err) {
    const report = failedReport(err)
    if (report && target) {
      logInfo('portal_upload', { label: report.label, mode, ok: false, errors: report.counts.errors, actor: who.principal.actor.id })
      return { kind: 'report', mode, report, target, files: files.map((f) => f.name) }
    }
    if (err instanceof DomainError) {
      const field = err.details && !Array.isArray(err.details) && typeof err.details.field === 'string' ? err.details.field : undefined
      return { kind: 'error', mode, message: err.message, field }
    }
    return { kind: 'error', mode, message: unexpectedFailure('portal_upload_error', err, { mode, actor: who.principal.actor.id }) }
  }
}

function text(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === 'string' ? value.trim() : ''
}

/** The chosen files; a browser sends one empty, nameless part when none was chosen. */
async function uploadedFiles(form: FormData): Promise<UploadedFile[]> {
  const chosen = form.getAll('files').filter((v): v is File => typeof v !== 'string' && (v.name !== '' || v.size > 0))
  const limit = env().MAX_UPLOAD_BYTES
  const total = chosen.reduce((sum, f) => sum + f.size, 0)
  if (total > limit) {
    throw new TooLargeError(`The files come to ${formatBytes(total)}; one upload may hold at most ${formatBytes(limit)}.`, { field: 'files' })
  }
  return Promise.all(chosen.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })))
}

function failedReport(err: unknown): ValidationReport | undefined {
  if (!(err instanceof InvalidError) || err.code !== 'validation_failed') return undefined
  const details = err.details as { report?: ValidationReport } | undefined
  return details?.report
}
