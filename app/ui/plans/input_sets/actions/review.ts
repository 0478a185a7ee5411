'use server'
// The review page's action: approve, request changes on, revert, archive or restore the revision shown on the
// page (label@N, so a revision that changed meanwhile is refused rather than a different
// one acted on). Next checks the Origin of every action request (CSRF); the actor is the
// signed-in user; roles, four-eyes and the required comment are checked here and in the domain,
// whatever the page showed.
import { refresh } from 'next/cache'
import { z } from 'zod'
import type { ReviewState } from '@/components/review-form-state'
import { ConflictError, DomainError } from '@/lib/errors'
import { LABEL_PATTERN } from '@/lib/input-sets/labels'
import { REVIEW_VERBS, reviewText } from '@/lib/input-sets/review-rules'
import { requestChanges } from '@/lib/input-sets/verbs/request-changes'
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
  action: z.enum(REVIEW_VERBS),
  comment: commentText('comment'),
  force: z.string().transform((v) => v === 'true'),
  reason: commentText('reason'),
})

export async function reviewRevision(_previous: ReviewState, form: FormData): Promise<ReviewState> {
  const raw = Object.fromEntries(['label', 'revision', 'action', 'comment', 'force', 'reason'].map((k) => [k, form.get(k) ?? '']))
  const action = REVIEW_VERBS.find((a) => a === raw.action) ?? null
  const who = await actingPrincipal('input_sets:review')
  if ('refusal' in who) return { kind: 'refused', action, code: 'forbidden', message: who.refusal }
  const parsed = reviewForm.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { kind: 'refused', action, code: 'invalid', message: issue.message, field: String(issue.path[0] ?? '') }
  }
  const { label, revision, comment, force, reason } = parsed.data
  try {
    if (parsed.data.action === 'request_changes') {
      const asked = await requestChanges({ ref: `${label}@${revision}`, comment, actor: who.principal.actor })
      logInfo('portal_review', { label, revision, action: asked.action, status: asked.status, actor: who.principal.actor.id })
      refresh()
      return { kind: 'done', action: asked.action, label, revision, previousStatus: 'draft', status: 'draft' }
    }
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
    if (err instanceof ConflictError && err.code === 'referenced') {
      const references = (err.details as { references?: string[] } | undefined)?.references ?? []
      return {
        kind: 'refused',
        action,
        code: err.code,
        message: `${label} r${revision} is still used by ${references.join(', ')}. To archive it anyway, tick "Archive even though plans or runs still use this revision" and say why.`,
      }
    }
    if (err instanceof ConflictError) {
      // Someone else changed the revision meanwhile: show its current state, keep the comment.
      refresh()
      return { kind: 'refused', action, code: err.code, message: `${err.message} The page now shows its current state.` }
    }
    if (err instanceof DomainError) {
      const field = (err.details as { field?: unknown } | undefined)?.field
      return { kind: 'refused', action, code: err.code, message: err.message, ...(typeof field === 'string' ? { field } : {}) }
    }
    return { kind: 'refused', action, code: 'internal', message: unexpectedFailure('portal_review_error', err, { label, revision, action }) }
  }
}
