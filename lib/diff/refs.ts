// The refs a diff is about, parsed once where they enter (route, page, action, CLI) and passed
// along as values: what the caller asked for (`label`, `label@draft`, `label@N`) and the two
// revisions that resolves to. Reports and jobs are keyed by the resolved pair, so `L@draft`
// against `L` and `L@3` against `L@2` share one report when they name the same revisions.
import { assertValidLabel, formatRef, type InputSetRef } from '../input-sets/labels'

/** One revision by number: the form a resolved ref takes. */
export type PinnedRef = Extract<InputSetRef, { kind: 'number' }>

/** What the caller asked to compare: `current` (the set viewed) against `against`. */
export type DiffRefs = { current: InputSetRef; against: InputSetRef }

/** The two revisions a diff compares; the key of its report and of its job. */
export type PinnedPair = { current: PinnedRef; reference: PinnedRef }

export function pinnedRef(revision: { label: string; number: number }): PinnedRef {
  return { label: revision.label, kind: 'number', number: revision.number }
}

/** `current@N__reference@M`: the report's file stem. Labels are checked again because this becomes a file name. */
export function pairKey(pair: PinnedPair): string {
  assertValidLabel(pair.current.label)
  assertValidLabel(pair.reference.label, 'against')
  return `${formatRef(pair.current)}__${formatRef(pair.reference)}`
}
