'use client'

import { useActionState } from 'react'
import type { CreatePlanState } from './plans/create-plan-state'

type Props = {
  action: (previous: CreatePlanState, form: FormData) => Promise<CreatePlanState>
  /** The exact revision (label@N) the plan is made from. */
  inputSetRef: string
  configVersionId: number
}

const IDLE: CreatePlanState = { kind: 'idle' }

/** One click: a plan from the revision shown; the action opens the new plan. */
export function CreatePlanButton({ action, inputSetRef, configVersionId }: Props) {
  const [state, dispatch, pending] = useActionState(action, IDLE)
  return (
    <form action={dispatch} className="inline-form" aria-busy={pending}>
      <input type="hidden" name="input_set_label" value={inputSetRef} />
      <input type="hidden" name="config_version_id" value={configVersionId} />
      <button type="submit" className="button button-secondary" disabled={pending}>
        {pending ? 'Creating plan…' : 'Create plan'}
      </button>
      {state.kind === 'refused' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  )
}
