// What the plan form's server action answers; shared by the action and the form.
export type CreatePlanState = { kind: 'idle' } | { kind: 'refused'; message: string }
