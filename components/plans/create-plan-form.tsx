'use client'

import { useActionState } from 'react'
import type { CreatePlanState } from './create-plan-state'

type Props = {
  action: (previous: CreatePlanState, form: FormData) => Promise<CreatePlanState>
  /** Ready labels offered as suggestions; any label or label@N may be typed. */
  readyLabels: string[]
  configVersions: { id: number; name: string }[]
}

const IDLE: CreatePlanState = { kind: 'idle' }

export function CreatePlanForm({ action, readyLabels, configVersions }: Props) {
  const [state, dispatch, pending] = useActionState(action, IDLE)
  return (
    <form className="plan-form" action={dispatch} aria-label="Create a plan" aria-busy={pending}>
      <label>
        Input set (label or label@N, ready)
        <input name="input_set_label" required maxLength={140} list="ready-labels" placeholder="fy26-q1-base" />
        <datalist id="ready-labels">
          {readyLabels.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </label>
      <label>
        Config version
        <select name="config_version_id" defaultValue={configVersions[0]?.id}>
          {configVersions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id} · {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={pending}>
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
