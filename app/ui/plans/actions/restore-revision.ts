'use server'
// The Missing InputSet card's Restore button: the archived revision a plan or run recorded goes back
// to draft through reviewInputSet, the verb behind POST …/review and the review page, with its event
// in the same transaction. It needs the approver role (input_sets:review), checked here and in the
// domain whatever the page showed. The restored draft then waits on its review page.
import { redirect } from 'next/navigation'
import { z } from 'zod'
import type { ActionRefusal } from '@/components/plans/action-refusal'
import { reviewHref } from '@/components/input-set-links'
import { DomainError } from '@/lib/errors'
import { LABEL_PATTERN } from '@/lib/input-sets/labels'
import { reviewInputSet } from '@/lib/input-sets/verbs/review'
import { logInfo } from '@/lib/log'
import { actingPrincipal, unexpectedFailure } from '../input_sets/actions/action-support'

const restoreForm = z.object({
  label: z.string().regex(LABEL_PATTERN, 'label is not an input set label'),
  revision: z.coerce.number().int().positive('revision must be a positive integer'),
  from: z.string().max(200),
})

export async function restoreArchivedRevision(_previous: ActionRefusal | null, form: FormData): Promise<ActionRefusal> {
  const who = await actingPrincipal('input_sets:review')
  if ('refusal' in who) return { message: who.refusal }
  const parsed = restoreForm.safeParse({ label: form.get('label') ?? '', revision: form.get('revision') ?? '', from: form.get('from') ?? '' })
  if (!parsed.success) return { message: parsed.error.issues[0].message }
  const { label, revision, from } = parsed.data
  try {
    await reviewInputSet({
      ref: `${label}@${revision}`,
      action: 'restore',
      comment: from ? `Restored from the Missing InputSet warning of ${from}.` : null,
      actor: who.principal.actor,
    })
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message }
    return { message: unexpectedFailure('portal_restore_error', err, { label, revision }) }
  }
  logInfo('portal_review', { label, revision, action: 'restore', status: 'draft', actor: who.principal.actor.id })
  redirect(reviewHref(label))
}
