// What the plan form's server action answers; shared by the action and the form. A refusal carries
// the values as sent, so the form shows them again instead of starting over.
export type CreatePlanValues = { input_set_label: string; config_version_id: string }

export type CreatePlanState = { kind: 'idle' } | { kind: 'refused'; message: string; values: CreatePlanValues }

/** A ready input set the plan form offers: its ready revision and the config version it belongs to. */
export type ReadySetChoice = {
  label: string
  revision: number
  config_version_id: number
  rows: number
  approved_by: string | null
}

/** The picker's value for a set: its ready revision (`label@N`), so the plan uses the revision the user saw. */
export const choiceRef = (c: ReadySetChoice) => `${c.label}@${c.revision}`
