// Which actions the detail page of one revision offers its viewer, decided once: the page
// renders what this returns, in this order. No database: the page passes what it has read.
import type { RevisionStatus } from './labels'

export type DetailAction = 'upload' | 'review' | 'create_plan' | 'diff' | 'export'

export type DetailActionInput = {
  /** Status of the revision shown. */
  status: RevisionStatus
  /** Number of the label's pending draft, if it has one. */
  draftNumber: number | null
  /** How many revisions the label has. */
  revisionCount: number
  /** What the viewer may do (from their role and, for a token, its scopes). */
  mayUpload: boolean
  mayReview: boolean
  mayPlan: boolean
}

/**
 * - Upload new revision: the viewer may upload (editor or higher).
 * - Review draft: the label has a pending draft and the viewer may review it.
 * - Create plan: the revision shown is ready (plans read ready data) and the viewer may plan.
 * - Diff: the label has another revision to compare with.
 * - Export: always; every revision can be exported, archived ones too (audits ask for them).
 */
export function detailActions(input: DetailActionInput): DetailAction[] {
  const actions: DetailAction[] = []
  if (input.mayUpload) actions.push('upload')
  if (input.draftNumber !== null && input.mayReview) actions.push('review')
  if (input.status === 'ready' && input.mayPlan) actions.push('create_plan')
  if (input.revisionCount > 1) actions.push('diff')
  actions.push('export')
  return actions
}
