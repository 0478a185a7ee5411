// Manual events (docs/revisions.md, "Manual events"): what a reviewer appends to a set's history
// by hand, for what happened outside the tools — a note where the history has a gap (an empty
// event list, a set that predates the audit trail), or the record of an approval given outside
// the portal. They never change a status, so only these non-state verbs are allowed; each is
// stored with `metadata.manual = true`. No database: the CLI, the API schema and the portal use it.
import { InvalidError } from '../errors'
import { CONTROL_CHARACTERS, MAX_REVIEW_TEXT, REVIEW_ACTIONS } from './review-rules'

export const MANUAL_EVENT_ACTIONS = ['note', 'record_approval'] as const
export type ManualEventAction = (typeof MANUAL_EVENT_ACTIONS)[number]

/** Verbs that change (or, for the tools, come with) a state change: never written by hand. */
const STATE_ACTIONS: readonly string[] = [...REVIEW_ACTIONS, 'upload', 'update', 'export', 'diff', 'request_changes']

/** The serialized metadata of one manual event may be at most this long. */
export const MAX_MANUAL_METADATA_BYTES = 16 * 1024

export function isManualEvent(metadata: Record<string, unknown> | null): boolean {
  return metadata?.manual === true
}

export function parseManualAction(text: string): ManualEventAction {
  if ((MANUAL_EVENT_ACTIONS as readonly string[]).includes(text)) return text as ManualEventAction
  const allowed = MANUAL_EVENT_ACTIONS.join(', ')
  if (STATE_ACTIONS.includes(text)) {
    const how = (REVIEW_ACTIONS as readonly string[]).includes(text) ? ` Use review_planning_input_set or POST …/review to ${text}.` : ''
    throw new InvalidError(`action '${text}' changes or comes with a change of state and cannot be logged by hand; a manual event is one of ${allowed}.${how}`, {
      field: 'action',
    })
  }
  throw new InvalidError(`Unknown action '${text}': a manual event is one of ${allowed}.`, { field: 'action' })
}

/** What a manual event says happened: required, at most 4000 characters, no control characters. */
export function checkManualComment(comment: string | null | undefined): string {
  const text = comment?.trim() ?? ''
  if (!text) throw new InvalidError('A manual event needs a comment saying what happened (who, when, the ticket).', { field: 'comment' })
  if (text.length > MAX_REVIEW_TEXT) throw new InvalidError(`The comment may be at most ${MAX_REVIEW_TEXT} characters.`, { field: 'comment' })
  if (CONTROL_CHARACTERS.test(text)) throw new InvalidError('The comment must not contain control characters.', { field: 'comment' })
  return text
}

/** The caller's metadata, a JSON object, marked manual; `manual` itself is the system's to set. */
export function manualMetadata(metadata: unknown): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return { manual: true }
  if (typeof metadata !== 'object' || Array.isArray(metadata))
    throw new InvalidError('metadata must be a JSON object, e.g. {"ticket":"OPS-12"}.', { field: 'metadata' })
  if ('manual' in metadata) throw new InvalidError('metadata.manual is set by the system (always true for a manual event); leave it out.', { field: 'metadata' })
  const marked = { ...(metadata as Record<string, unknown>), manual: true }
  const bytes = new TextEncoder().encode(JSON.stringify(marked)).length
  if (bytes > MAX_MANUAL_METADATA_BYTES)
    throw new InvalidError(`metadata may be at most ${MAX_MANUAL_METADATA_BYTES} bytes as JSON; got ${bytes}.`, { field: 'metadata' })
  return marked
}

/** `--metadata` text as the CLI gets it: JSON, and an object. */
export function parseMetadataText(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new InvalidError(`metadata is not valid JSON (${(err as Error).message}); give an object, e.g. '{"ticket":"OPS-12"}'.`, { field: 'metadata' })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidError('metadata must be a JSON object, e.g. \'{"ticket":"OPS-12"}\'.', { field: 'metadata' })
  return value as Record<string, unknown>
}
