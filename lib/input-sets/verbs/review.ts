// The review verbs (docs/revisions.md, "Statuses and review verbs"): approve, revert, archive,
// restore. Each checks the transition, writes with a conditional update so a lost race is refused
// rather than applied twice, and records its event in the same transaction.
import { getSql, type SqlConn } from '../../db/sql'
import { env } from '../../env'
import { ConflictError, ForbiddenError, InvalidError } from '../../errors'
import { metrics } from '../../metrics/registry'
import { inputSetAction } from '../../audit/actions'
import { recordAuditEvent } from '../../audit/record'
import type { Actor } from '../actor'
import { z } from 'zod'
import { parseInputSetRef, REVISION_STATUSES, type InputSetRef } from '../labels'
import { missingCommentMessage, REVIEW_ACTIONS, reviewRefusal, TRANSITIONS, type ReviewAction } from '../review-rules'
import { referencesOf } from '../store/archive-guards'
import { findRevision, resolveRevisionOrThrow, type ResolvedRevision } from '../store/resolve'

export type ReviewInput = {
  ref: string
  action: ReviewAction
  actor: Actor
  comment?: string | null
  /** Archive even though plans or runs reference the revision; needs a reason. */
  force?: boolean
  reason?: string | null
}

export const reviewResultSchema = z
  .object({
    label: z.string(),
    revision: z.number().int().positive(),
    action: z.enum(REVIEW_ACTIONS),
    previous_status: z.enum(REVISION_STATUSES),
    status: z.enum(REVISION_STATUSES),
    content_hash: z.string(),
    event_id: z.number().int().positive(),
    /** Revision numbers this approval superseded. */
    superseded: z.array(z.number().int().positive()),
  })
  .meta({ id: 'ReviewResult' })
export type ReviewResult = z.infer<typeof reviewResultSchema>

export async function reviewInputSet(input: ReviewInput): Promise<ReviewResult> {
  const ref = parseInputSetRef(input.ref)
  const missingComment = missingCommentMessage(input.action, input.comment, env().REQUIRE_REVIEW_COMMENT)
  if (missingComment) throw new InvalidError(missingComment, { field: 'comment' })
  if (input.force && !input.reason?.trim()) throw new InvalidError('Forcing an archive needs a reason.', { field: 'reason' })
  const result = await getSql().transaction(async (conn) => {
    const target = await targetRevision(conn, ref, input.action)
    // The callers checked the review scope (route, portal action) or run on the server (CLI).
    const viewer = { mayReview: true, role: 'approver', uploadedIt: target.uploadedById === input.actor.id, fourEyes: env().FOUR_EYES }
    const refusal = reviewRefusal(input.action, target.status, viewer)
    if (refusal?.code === 'illegal_transition') {
      throw new ConflictError(`Cannot ${input.action} ${target.label}@${target.number}: ${refusal.reason}.`, { status: target.status }, 'illegal_transition')
    }
    if (refusal) {
      throw new ForbiddenError(`Cannot ${input.action} ${target.label}@${target.number} as ${input.actor.name}: ${refusal.reason}.`, undefined, refusal.code)
    }
    if (input.action === 'archive') await assertArchivable(conn, target, input)
    return applyTransition(conn, target, input)
  })
  // Only after the commit: a rolled-back review was never applied.
  metrics().reviews.inc({ action: input.action })
  return result
}

/** The label alone means: the draft (approve), the ready revision (revert), the newest archived one (restore). */
async function targetRevision(conn: SqlConn, ref: InputSetRef, action: ReviewAction): Promise<ResolvedRevision> {
  if (ref.kind !== 'current' || action === 'archive') return resolveRevisionOrThrow(conn, ref)
  const current = await resolveRevisionOrThrow(conn, ref)
  const wanted = { approve: 'draft', revert: 'ready', restore: 'archived' }[action]
  if (current.status === wanted) return current
  if (action === 'approve') return (await findRevision(conn, { label: ref.label, kind: 'draft' })) ?? current
  if (action === 'restore') {
    const { newest } = await conn.db
      .selectFrom('input_set_revision')
      .select((eb) => eb.fn.max<number | null>('number').as('newest'))
      .where('input_set_id', '=', current.inputSetId)
      .where('status', '=', 'archived')
      .executeTakeFirstOrThrow()
    if (newest) return resolveRevisionOrThrow(conn, { label: ref.label, kind: 'number', number: newest })
  }
  return current
}

async function assertArchivable(conn: SqlConn, target: ResolvedRevision, input: ReviewInput): Promise<void> {
  const refs = await referencesOf(conn, target)
  if (refs.length && !input.force) {
    throw new ConflictError(
      `Cannot archive ${target.label}@${target.number}: still referenced by ${refs.join(', ')}. If that is intended, archive it with force and a reason saying why.`,
      { references: refs },
      'referenced',
    )
  }
}

async function applyTransition(conn: SqlConn, target: ResolvedRevision, input: ReviewInput): Promise<ReviewResult> {
  const at = new Date()
  const { to } = TRANSITIONS[input.action]
  const superseded: number[] = []
  // Whatever becomes the ready or the pending draft replaces the one there was.
  if (to === 'ready' || to === 'draft') {
    const others = await conn.db
      .selectFrom('input_set_revision')
      .select(['id', 'number'])
      .where('input_set_id', '=', target.inputSetId)
      .where('status', '=', to)
      .where('id', '<>', target.revisionId)
      .execute()
    for (const o of others) {
      const { numUpdatedRows } = await conn.db
        .updateTable('input_set_revision')
        .set({ status: 'superseded' })
        .where('id', '=', o.id)
        .where('status', '=', to)
        .executeTakeFirstOrThrow()
      if (numUpdatedRows > 0n) superseded.push(o.number)
    }
  }
  const { numUpdatedRows } = await conn.db
    .updateTable('input_set_revision')
    .set((eb) =>
      input.action === 'approve'
        ? { status: 'ready', approved_by: input.actor.name, approved_at: at, approved_hash: eb.ref('content_hash'), review_comment: input.comment ?? null }
        : input.action === 'archive'
          ? { status: 'archived', archived_from_status: eb.ref('status') }
          : { status: 'draft', approved_by: null, approved_at: null, approved_hash: null, review_comment: null },
    )
    .where('id', '=', target.revisionId)
    .where('status', '=', target.status)
    .executeTakeFirstOrThrow()
  if (numUpdatedRows !== 1n) {
    throw new ConflictError(`${target.label}@${target.number} was changed by someone else just now; reload and try again.`, undefined, 'lost_race')
  }
  await conn.db.updateTable('input_set').set({ updated_at: at }).where('id', '=', target.inputSetId).execute()
  const eventId = await recordAuditEvent(conn, {
    inputSet: { id: target.inputSetId, label: target.label },
    revisionId: target.revisionId,
    action: inputSetAction(input.action),
    actor: input.actor,
    comment: input.comment,
    at,
    metadata: {
      revision: target.number,
      from_status: target.status,
      to_status: to,
      content_hash: target.contentHash,
      ...(superseded.length ? { superseded } : {}),
      ...(input.force ? { forced: true, reason: input.reason } : {}),
    },
  })
  return {
    label: target.label,
    revision: target.number,
    action: input.action,
    previous_status: target.status,
    status: to,
    content_hash: target.contentHash,
    event_id: eventId,
    superseded,
  }
}
