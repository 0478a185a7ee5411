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

/**
 * What a reviewer can do to a revision: the four transitions, and `request_changes`, which
 * changes no status — it records a comment on the draft for its uploader (verbs/request-changes.ts).
 */
export const REVIEW_VERBS = ['approve', 'request_changes', 'revert', 'archive', 'restore'] as const
export type ReviewVerb = (typeof REVIEW_VERBS)[number]

/** The statuses each verb applies to. */
const APPLIES_TO: Record<ReviewVerb, readonly RevisionStatus[]> = {
  ...(Object.fromEntries(REVIEW_ACTIONS.map((a) => [a, TRANSITIONS[a].from])) as Record<ReviewAction, readonly RevisionStatus[]>),
  request_changes: ['draft'],
}

/** The actions a revision in `status` allows, in the order a reviewer sees them. */
export function actionsFor(status: RevisionStatus): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status))
}

/** Who is looking at (or acting on) a revision, as the rules below need it. */
export type ReviewViewer = {
  /** Holds the review scope (approver role or higher, and a token granting it). */
  mayReview: boolean
  /** The viewer's role, named in the refusal when it is too low. */
  role: string
  /** The viewer uploaded the revision (same actor id). */
  uploadedIt: boolean
  /** FOUR_EYES is on. */
  fourEyes: boolean
}

/**
 * Whether `viewer` may approve a draft uploaded by `uploadedById` (the list's "waiting for you"):
 * the same rule as the review page and the verb, with the actors compared by id, so a user's
 * session and their API tokens count as the same person under four-eyes (docs/revisions.md).
 */
export function mayApprove(viewer: Principal, uploadedById: string, fourEyes: boolean): boolean {
  const asViewer = { mayReview: hasScope(viewer, 'input_sets:review'), role: viewer.role, uploadedIt: uploadedById === viewer.actor.id, fourEyes }
  return reviewRefusal('approve', 'draft', asViewer) === null
}

export type ReviewRefusal = { code: 'forbidden' | 'four_eyes' | 'illegal_transition'; reason: string }

const TRANSITION_REASONS: Record<ReviewVerb, (status: RevisionStatus) => string> = {
  approve: (status) => `there is nothing to approve — its status is ${status}; only a draft can be approved`,
  request_changes: (status) => `its status is ${status}; changes are requested on a draft only`,
  revert: (status) => `its status is ${status}; only the ready revision can be reverted`,
  archive: (status) => `its status is ${status}; it is archived already`,
  restore: (status) => `its status is ${status}; only an archived revision can be restored`,
}

/**
 * Why `viewer` may not take `action` on a revision in `status`, or null when they may. The one
 * rule behind the review page's offers, the portal action, the REST API and the CLI (the verb
 * throws with this reason), so what the page withholds is exactly what the server refuses.
 */
export function reviewRefusal(action: ReviewVerb, status: RevisionStatus, viewer: ReviewViewer): ReviewRefusal | null {
  if (!viewer.mayReview) return { code: 'forbidden', reason: `reviewing needs the approver role; you are ${viewer.role}` }
  if (!APPLIES_TO[action].includes(status)) return { code: 'illegal_transition', reason: TRANSITION_REASONS[action](status) }
  if (action === 'approve' && viewer.fourEyes && viewer.uploadedIt) {
    return { code: 'four_eyes', reason: 'you uploaded this draft; under the four-eyes rule another approver must approve it' }
  }
  // Changes are requested from the uploader; asking oneself would only add noise to the history.
  if (action === 'request_changes' && viewer.uploadedIt)
    return { code: 'forbidden', reason: 'you uploaded this draft; a reviewer requests changes from its uploader' }
  return null
}

export type ReviewOffer = { action: ReviewVerb; refusal: ReviewRefusal | null }

/**
 * What the review page shows: every action the revision's status allows, each offered or refused
 * with its reason; approve is always listed, so "nothing to approve" is said rather than implied.
 */
export function reviewOffers(status: RevisionStatus, viewer: ReviewViewer): ReviewOffer[] {
  return REVIEW_VERBS.filter((action) => action === 'approve' || APPLIES_TO[action].includes(status)).map((action) => ({
    action,
    refusal: reviewRefusal(action, status, viewer),
  }))
}

/**
 * Revert and archive take data out of use, and a change request is its comment: they always need
 * one. Approve needs one when configured.
 */
export function commentRequired(action: ReviewVerb, requireApprovalComment: boolean): boolean {
  return action === 'revert' || action === 'archive' || action === 'request_changes' || (action === 'approve' && requireApprovalComment)
}

/** The refusal for a missing comment, or null (`comment` as given; blank counts as missing). */
export function missingCommentMessage(action: ReviewVerb, comment: string | null | undefined, requireApprovalComment: boolean): string | null {
  if (!commentRequired(action, requireApprovalComment) || comment?.trim()) return null
  if (action === 'approve') return 'A comment is required to approve (e.g. the ticket and who decided: "JIRA-123 approve by ops_lead").'
  if (action === 'request_changes') return 'A comment is required to request changes: say what has to change.'
  return `A comment is required to ${action}: say why, e.g. the ticket and what was wrong.`
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
