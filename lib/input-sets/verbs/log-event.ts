// Appends a manual event to a set's history (docs/revisions.md, "Manual events"): the CLI
// log_planning_input_set_event and POST /api/plans/input_sets/{label}/events. It writes the
// event and nothing else: no status, no revision, not even the set's updated_at changes.
import { z } from 'zod'
import { inputSetAction } from '../../audit/actions'
import { recordAuditEvent } from '../../audit/record'
import { getSql } from '../../db/sql'
import { ConflictError, InvalidError } from '../../errors'
import type { Actor } from '../actor'
import { formatRef, parseInputSetRef, type InputSetRef } from '../labels'
import { checkManualComment, manualMetadata, parseManualAction } from '../manual-events'
import { eventViewSchema, type EventView } from '../queries/events'
import { resolveRevisionOrThrow } from '../store/resolve'

export type ManualEventInput = {
  /** `label`, `label@N` or `label@draft`: a revision named here is the event's revision. */
  ref: string
  /** The revision number, as `--revision N` or the body's `revision`; must agree with a revision in `ref`. */
  revision?: number | null
  action: string
  actor: Actor
  comment?: string | null
  metadata?: unknown
}

export const manualEventResultSchema = z.object({ label: z.string(), event: eventViewSchema }).meta({ id: 'ManualEvent' })
export type ManualEventResult = z.infer<typeof manualEventResultSchema>

export async function logManualEvent(input: ManualEventInput): Promise<ManualEventResult> {
  const parsed = parseInputSetRef(input.ref)
  const ref = eventRef(parsed, input.revision)
  const action = parseManualAction(input.action)
  const comment = checkManualComment(input.comment)
  const metadata = manualMetadata(input.metadata)
  const at = new Date()
  return getSql().transaction(async (conn) => {
    // An unknown label or revision is 404 with the resolver's hint; the label alone names no revision.
    const target = await resolveRevisionOrThrow(conn, ref ?? { label: parsed.label, kind: 'current' })
    // Recording an approval names what was approved: the label's current revision unless another is named.
    const revision = ref || action === 'record_approval' ? target : null
    if (action === 'record_approval' && target.status === 'draft') {
      throw new ConflictError(
        `${target.label}@${target.number} is a draft: record_approval records an approval that already took effect. Approve a draft with review_planning_input_set or POST …/review.`,
        { status: target.status },
        'not_approved',
      )
    }
    const id = await recordAuditEvent(conn, {
      action: inputSetAction(action),
      inputSet: { id: target.inputSetId, label: target.label },
      revisionId: revision?.revisionId ?? null,
      actor: input.actor,
      comment,
      metadata,
      at,
    })
    const event: EventView = {
      id,
      action,
      type: inputSetAction(action),
      actor: input.actor.name,
      actor_kind: input.actor.kind,
      comment,
      revision: revision?.number ?? null,
      metadata,
      created_at: at.toISOString(),
    }
    return { label: target.label, event }
  })
}

/** The revision the event is about, if any: from `label@…`, from `revision`, or both when they agree. */
function eventRef(ref: InputSetRef, revision: number | null | undefined): InputSetRef | null {
  if (revision !== undefined && revision !== null && (!Number.isInteger(revision) || revision < 1)) {
    throw new InvalidError(`revision must be a whole number from 1; got ${revision}.`, { field: 'revision' })
  }
  if (revision === undefined || revision === null) return ref.kind === 'current' ? null : ref
  if (ref.kind === 'number' && ref.number !== revision) {
    throw new InvalidError(`${formatRef(ref)} and revision ${revision} name different revisions; give one.`, { field: 'revision' })
  }
  if (ref.kind === 'draft') throw new InvalidError(`${formatRef(ref)} and revision ${revision} both name a revision; give one.`, { field: 'revision' })
  return { label: ref.label, kind: 'number', number: revision }
}
