// The review state machine and the rules for a review's text, defined once: the review verb
// (verbs/review.ts), the API and CLI schemas, the portal's review page and action, and the metrics all
// import them from here. No database: components may use it too.
import { z } from 'zod'
import { hasScope, type Principal } from '../auth/principal'
import type { RevisionStatus } from './labels'

export const REVIEW_ACTIONS = ['approve', 'revert', 'archive', 'restore'] as const
export type ReviewAction = (typeof REVIEW_ACTIONS)[number]

/** Which statuses each action applies to, and the status it leaves. */
export const TRANSITIONS: Record<ReviewAction, { from: readonly RevisionStatus[]; to: RevisionStatus }> = {
  approve: { from: ['draft'], to: 'ready' },
  revert: { from: ['ready'], to: 'draft' },
  archive: { from: ['draft', 'ready', 'superseded'], to: 'archived' },
  restore: { from: ['archived'], to: 'draft' },
}

/** The actions a revision in `status` allows, in the order a reviewer sees them. */
export function actionsFor(status: RevisionStatus): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status))
}

/**
 * Four-eyes (docs/revisions.md): with the rule on, nobody approves a revision they uploaded. Actors
 * are compared by id, so a user's session and their API tokens count as the same person.
 */
export function fourEyesForbids(fourEyes: boolean, uploadedById: string, approverId: string): boolean {
  return fourEyes && uploadedById === approverId
}

/** Whether `viewer` may approve a draft uploaded by `uploadedById`: the review scope, and not their own upload under four-eyes. */
export function mayApprove(viewer: Principal, uploadedById: string, fourEyes: boolean): boolean {
  return hasScope(viewer, 'input_sets:review') && !fourEyesForbids(fourEyes, uploadedById, viewer.actor.id)
}

export const MAX_REVIEW_TEXT = 4000

/** NUL cannot be stored in PostgreSQL text; other control characters (but tab and newlines) have no place in a comment. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** A review comment or reason (`name` is the field, for the message): at most 4000 characters, no control characters. */
export function reviewText(name: string) {
  return z
    .string()
    .max(MAX_REVIEW_TEXT, `The ${name} may be at most ${MAX_REVIEW_TEXT} characters.`)
    .refine((v) => !CONTROL_CHARACTERS.test(v), `The ${name} must not contain control characters.`)
}
