'use server'
// The upload page sends its files straight to POST /api/plans/input_sets from the browser, which
// streams them to disk (a server action would read the whole body into memory). Before it sends,
// the page asks this action what the label would become, so that it can say what "Create draft"
// did; the action takes the label only. Next refuses an action whose Origin is not this site's
// host (no serverActions.allowedOrigins is configured: keep it that way).
import type { UploadTargetAnswer } from '@/components/upload-form-state'
import { readAccess } from '@/lib/auth/access'
import { DomainError } from '@/lib/errors'
import { assertImportableLabel } from '@/lib/input-sets/labels'
import { actingPrincipal, unexpectedFailure } from './action-support'
import { describeUploadTarget } from './upload-target'

export async function uploadTargetOf(label: unknown): Promise<UploadTargetAnswer> {
  const who = await actingPrincipal('input_sets:write')
  if ('refusal' in who) return { error: who.refusal }
  try {
    const valid = assertImportableLabel(typeof label === 'string' ? label.trim() : '')
    return { target: await describeUploadTarget(readAccess(who.principal), valid) }
  } catch (err) {
    if (err instanceof DomainError) {
      const field = err.details && !Array.isArray(err.details) && typeof err.details.field === 'string' ? err.details.field : undefined
      return { error: err.message, field }
    }
    return { error: unexpectedFailure('portal_upload_target_error', err, { actor: who.principal.actor.id }) }
  }
}
