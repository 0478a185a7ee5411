// Request changes (docs/revisions.md, "Statuses and review verbs"): a reviewer's comment on a
// pending draft for its uploader. It changes no status and notifies nothing else: it is one
// `input_set.request_changes` event, shown on the set's page while the draft is pending.
import { z } from 'zod'
import { inputSetAction } from '../../audit/actions'
import { recordAuditEvent } from '../../audit/record'
import { getSql } from '../../db/sql'
import { ConflictError, ForbiddenError, InvalidError } from '../../errors'
import type { Actor } from '../actor'
import { parseInputSetRef } from '../labels'
import { missingCommentMessage, reviewRefusal } from '../review-rules'
import { findRevision, resolveRevisionOrThrow } from '../store/resolve'

export type RequestChangesInput = { ref: string; actor: Actor; comment?: string | null }

export const requestChangesResultSchema = z
  .object({
    label: z.string(),
    revision: z.number().int().positive(),
    action: z.literal('request_changes'),
    status: z.literal('draft'),
    event_id: z.number().int().positive(),
  })
  .meta({ id: 'ChangesRequested' })
export type RequestChangesResult = z.infer<typeof requestChangesResultSchema>

export async function requestChanges(input: RequestChangesInput): Promise<RequestChangesResult> {
  const ref = parseInputSetRef(input.ref)
  const missing = missingCommentMessage('request_changes', input.comment, false)
  if (missing) throw new InvalidError(missing, { field: 'comment' })
  return getSql().transaction(async (conn) => {
    // The label alone means its pending draft, as for approve.
    const target = (ref.kind === 'current' ? await findRevision(conn, { label: ref.label, kind: 'draft' }) : undefined) ?? (await resolveRevisionOrThrow(conn, ref))
    // The callers checked the review scope (route, portal action) or run on the server (CLI).
    const viewer = { mayReview: true, role: 'approver', uploadedIt: target.uploadedById === input.actor.id, fourEyes: true }
    const refusal = reviewRefusal('request_changes', target.status, viewer)
    if (refusal?.code === 'illegal_transition') {
      throw new ConflictError(`Cannot request changes on ${target.label}@${target.number}: ${refusal.reason}.`, { status: target.status }, refusal.code)
    }
    if (refusal)
      throw new ForbiddenError(`Cannot request changes on ${target.label}@${target.number} as ${input.actor.name}: ${refusal.reason}.`, undefined, refusal.code)
    const eventId = await recordAuditEvent(conn, {
      inputSet: { id: target.inputSetId, label: target.label },
      revisionId: target.revisionId,
      action: inputSetAction('request_changes'),
      actor: input.actor,
      comment: input.comment!.trim(),
      at: new Date(),
      metadata: { revision: target.number, content_hash: target.contentHash },
    })
    return { label: target.label, revision: target.number, action: 'request_changes', status: 'draft', event_id: eventId }
  })
}
