'use client'

import Link from 'next/link'
import { startTransition, useActionState, useId, useState } from 'react'
import { choiceRef, type CreatePlanState, type ReadySetChoice } from './create-plan-state'

type Props = {
  action: (previous: CreatePlanState, form: FormData) => Promise<CreatePlanState>
  /** The ready input sets, by label; the config version follows from the set picked. */
  readySets: ReadySetChoice[]
  configVersions: { id: number; name: string }[]
  /** Where the list of ready sets is, for the empty state. */
  readyListHref: string
}

const IDLE: CreatePlanState = { kind: 'idle' }
const sentSet = (state: CreatePlanState) => (state.kind === 'refused' && state.values.input_set_label) || null
const number = new Intl.NumberFormat('en-US')

/**
 * Create a plan: pick a ready input set; its config version is shown and sent with it. After a
 * refusal the picker keeps the set that was sent, even if it is no longer among the ready ones.
 */
export function CreatePlanForm({ action, readySets, configVersions, readyListHref }: Props) {
  const [state, dispatch, pending] = useActionState(action, IDLE)
  const [picked, setPicked] = useState(() => sentSet(state) ?? (readySets[0] ? choiceRef(readySets[0]) : ''))
  const [answered, setAnswered] = useState(state)
  const id = useId()
  if (state !== answered) {
    // A new answer: the picker shows the set that was sent.
    setAnswered(state)
    const sent = sentSet(state)
    if (sent) setPicked(sent)
  }
  const shown = picked
  const choice = readySets.find((c) => choiceRef(c) === shown)
  const version = choice && configVersions.find((v) => v.id === choice.config_version_id)
  const refusal = state.kind === 'refused' ? state.message : null
  if (!readySets.length) {
    return (
      <section className="plan-form" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Create a plan</h2>
        <p className="muted">
          No input set is ready yet: a plan needs an approved one. <Link href={readyListHref}>See the input sets</Link>.
        </p>
      </section>
    )
  }
  return (
    <form
      className="plan-form"
      action={dispatch}
      // With JavaScript the form is sent by hand: an action sent through `action` resets the form
      // when it settles, which would put the picker back on its first set after a refusal.
      onSubmit={(event) => {
        event.preventDefault()
        const data = new FormData(event.currentTarget)
        startTransition(() => dispatch(data))
      }}
      aria-labelledby={`${id}-heading`}
      aria-busy={pending}
    >
      <h2 id={`${id}-heading`}>Create a plan</h2>
      <div className="plan-form-fields">
        <label className="plan-form-field">
          Ready input set
          <select
            name="input_set_label"
            value={shown}
            onChange={(e) => setPicked(e.target.value)}
            aria-describedby={`${id}-choice${refusal ? ` ${id}-error` : ''}`}
            aria-invalid={refusal ? true : undefined}
          >
            {shown && !choice && <option value={shown}>{shown} (no longer ready)</option>}
            {readySets.map((c) => (
              <option key={c.label} value={choiceRef(c)}>
                {c.label} · r{c.revision}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="config_version_id" value={choice?.config_version_id ?? (state.kind === 'refused' ? state.values.config_version_id : '')} />
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Creating plan…' : 'Create plan'}
        </button>
      </div>
      <p id={`${id}-choice`} className="plan-form-choice">
        {choice ? (
          <>
            Config version {choice.config_version_id}
            {version ? ` · ${version.name}` : ''} · {number.format(choice.rows)} rows · approved by {choice.approved_by ?? '—'}
          </>
        ) : (
          'This set is no longer ready; pick another.'
        )}
      </p>
      {refusal && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {refusal}
        </p>
      )}
    </form>
  )
}
