'use server'
// The review page's action: approve, revert, archive or restore the revision shown on the
// page (label@N, so a revision that changed meanwhile is refused rather than a different
// one acted on). Next checks the Origin of every action request (CSRF); the actor is the
// signed-in user; roles and four-eyes are checked here and in the domain, whatever the page showed.
import { refresh } from 'next/cache'
import { z } from 'zod'
import type { ReviewState } from '@/components/review-form-state'
import { ConflictError, DomainError, ForbiddenError } from '@/lib/errors'
import { LABEL_PATTERN } from '@/lib/input-sets/labels'
import { REVIEW_ACTIONS, reviewText } from '@/lib/input-sets/review-rules'
import { reviewInputSet } from '@/lib/input-sets/verbs/review'
import { logInfo } from '@/lib/log'
import { actingPrincipal, unexpectedFailure } from './action-support'

/** A form field as typed: trimmed, the review text rules, empty → null. */
const commentText = (name: string) =>
  z
    .string()
    .trim()
    .pipe(reviewText(name))
    .transform((v) => v || null)

const reviewForm = z.object({
  label: z.string().regex(LABEL_PATTERN),
  revision: z.coerce.number().int().positive(),
  action: z.enum(REVIEW_ACTIONS),
  comment: commentText('comment'),
  force: z.string().transform((v) => v === 'true'),
  reason: commentText('reason'),
})

export async function reviewRevision(_previous: ReviewState, form: FormData): Promise<ReviewState> {
  const raw = Object.fromEntries(['label', 'revision', 'action', 'comment', 'force', 'reason'].map((k) => [k, form.get(k) ?? '']))
  const action = REVIEW_ACTIONS.find((a) => a === raw.action) ?? null
  const who = await actingPrincipal('input_sets:review')
  if ('refusal' in who) return { kind: 'refused', action, code: 'forbidden', message: who.refusal }
  const parsed = reviewForm.safeParse(raw)
  if (!parsed.success) return { kind: 'refused', action, code: 'invalid', message: parsed.error.issues[0].message }
  const { label, revision, comment, force, reason } = parsed.data
  try {
    const result = await reviewInputSet({
      ref: `${label}@${revision}`,
      action: parsed.data.action,
      comment,
      force: force && parsed.data.action === 'archive',
      reason,
      actor: who.principal.actor,
    })
    logInfo('portal_review', { label, revision, action: result.action, status: result.status, actor: who.principal.actor.id })
    // The page shows the revision's status and offers the buttons that fit it: render it anew.
    refresh()
    return { kind: 'done', action: result.action, label, revision, previousStatus: result.previous_status, status: result.status }
  } catch (err) {
    if (err instanceof ForbiddenError && err.code === 'four_eyes') {
      return {
        kind: 'refused',
        action,
        code: err.code,
        message: `You uploaded this revision (${label} r${revision}), so you cannot approve it: the four-eyes rule needs an approver other than the uploader.`,
      }
    }
    if (err instanceof ConflictError) {
      // Someone else changed the revision meanwhile: show its current state, keep the comment.
      refresh()
      return { kind: 'refused', action, code: err.code, message: `${err.message} The page now shows its current state.` }
    }
    if (err instanceof DomainError) return { kind: 'refused', action, code: err.code, message: err.message }
    return { kind: 'refused', action, code: 'internal', message: unexpectedFailure('portal_review_error', err, { label, revision, action }) }
  }
}
