// Labels appear in URLs and file names, so they are checked before anything else.
import { InvalidError } from '../errors'

export const REVISION_STATUSES = ['draft', 'ready', 'superseded', 'archived'] as const
export type RevisionStatus = (typeof REVISION_STATUSES)[number]

export const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

/** What a caller may write to address a revision: `label`, `label@draft` or `label@N`. */
export type InputSetRef = { label: string; kind: 'current' } | { label: string; kind: 'draft' } | { label: string; kind: 'number'; number: number }

export function assertValidLabel(label: string, field = 'label'): string {
  if (!LABEL_PATTERN.test(label)) {
    throw new InvalidError(`Invalid ${field} '${label}': use 1–128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit.`, { field }, 'invalid_label')
  }
  return label
}

/**
 * Names of static route segments beside a `[label]` segment (app/ui/plans/input_sets/upload):
 * the route wins, so a set with such a label could not be opened at its own address. They are
 * refused for imports; reading an existing set of that name still works everywhere (the REST
 * API and the CLI, and the portal as `label@N`). labels.test.ts keeps this list in step with app/.
 */
export const RESERVED_LABELS: readonly string[] = ['upload']

/**
 * For the places that take a label and no revision: `label@N` / `label@draft` is refused with why
 * (`reason`) rather than as an invalid label, so the caller learns what to give instead.
 */
export function assertLabelNotRef(text: string, reason: string, field = 'label'): string {
  const at = text.indexOf('@')
  if (at > 0 && LABEL_PATTERN.test(text.slice(0, at))) {
    throw new InvalidError(`'${text}' names a revision, but ${reason}: give the label '${text.slice(0, at)}'.`, { field }, 'invalid_label')
  }
  return assertValidLabel(text, field)
}

/** A label a new import may use: a valid label that is not a reserved route name. */
export function assertImportableLabel(label: string, field = 'label'): string {
  assertLabelNotRef(label, 'an import always creates the next revision of a label', field)
  if (RESERVED_LABELS.includes(label)) {
    throw new InvalidError(
      `Invalid ${field} '${label}': it is reserved because the portal uses /ui/plans/input_sets/${label} for its own page. Choose another label, for example '${label}-1'. (Reserved: ${RESERVED_LABELS.join(', ')}.)`,
      { field },
      'invalid_label',
    )
  }
  return label
}

export function parseInputSetRef(text: string, field = 'label'): InputSetRef {
  const at = text.indexOf('@')
  if (at < 0) return { label: assertValidLabel(text, field), kind: 'current' }
  const label = assertValidLabel(text.slice(0, at), field)
  const suffix = text.slice(at + 1)
  if (suffix === 'draft') return { label, kind: 'draft' }
  if (/^[1-9][0-9]{0,8}$/.test(suffix)) return { label, kind: 'number', number: Number(suffix) }
  throw new InvalidError(`Invalid ${field} '${text}': after '@' write 'draft' or a revision number.`, { field }, 'invalid_label')
}

export function formatRef(ref: InputSetRef): string {
  if (ref.kind === 'draft') return `${ref.label}@draft`
  if (ref.kind === 'number') return `${ref.label}@${ref.number}`
  return ref.label
}
