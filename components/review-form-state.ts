// What the review page's server action answers; shared by the action and the form.
import type { RevisionStatus } from '@/lib/input-sets/labels'
import type { InputSetDetail } from '@/lib/input-sets/queries/detail'
import type { ReviewVerb } from '@/lib/input-sets/review-rules'

export type ReviewState =
  | { kind: 'idle' }
  /** Refused or failed: nothing changed, and the form keeps the comment. */
  | { kind: 'refused'; action: ReviewVerb | null; code: string; message: string; field?: string }
  | { kind: 'done'; action: ReviewVerb; label: string; revision: number; previousStatus: RevisionStatus; status: RevisionStatus }

export const REVIEW_IDLE: ReviewState = { kind: 'idle' }

export const ACTION_LABELS: Record<ReviewVerb, { button: string; past: string; noun: string }> = {
  approve: { button: 'Approve', past: 'Approved', noun: 'approving' },
  request_changes: { button: 'Request changes', past: 'Requested changes on', noun: 'requesting changes' },
  revert: { button: 'Revert', past: 'Reverted', noun: 'reverting' },
  archive: { button: 'Archive', past: 'Archived', noun: 'archiving' },
  restore: { button: 'Restore', past: 'Restored', noun: 'restoring' },
}

export type SectionChange = { section: string; readyRows: number | null; rows: number | null; change: 'added' | 'removed' | 'changed' | 'unchanged' }

export type ReviewData = {
  /** The pending draft when there is one, else the revision the label resolves to. */
  subject: InputSetDetail
  /** The ready revision the draft would replace (only when the subject is a draft). */
  ready: InputSetDetail | null
  changes: SectionChange[]
}
