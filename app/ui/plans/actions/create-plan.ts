'use server'
// The plan list's form: a plan from a ready input set (label or label@N) of one config version.
// The actor is the signed-in user; the role is checked here whatever the page showed. A refusal
// returns the values as sent, so the form keeps them.
import { redirect } from 'next/navigation'
import type { CreatePlanState, CreatePlanValues } from '@/components/plans/create-plan-state'
import { DomainError } from '@/lib/errors'
import { createPlan } from '@/lib/plans/create-plan'
import { createPlanBody } from '@/lib/plans/schema'
import { actingPrincipal, unexpectedFailure } from '../input_sets/actions/action-support'

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '')

export async function createPlanFromForm(_previous: CreatePlanState, form: FormData): Promise<CreatePlanState> {
  const values: CreatePlanValues = { input_set_label: text(form.get('input_set_label')), config_version_id: text(form.get('config_version_id')) }
  const who = await actingPrincipal('plans:write')
  if ('refusal' in who) return { kind: 'refused', message: who.refusal, values }
  const parsed = createPlanBody.safeParse(values)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { kind: 'refused', message: issue.message.includes(String(issue.path[0])) ? issue.message : `${String(issue.path[0])}: ${issue.message}`, values }
  }
  let id: number
  try {
    id = (await createPlan({ configVersionId: parsed.data.config_version_id, inputSetLabel: parsed.data.input_set_label, actor: who.principal.actor })).id
  } catch (err) {
    if (err instanceof DomainError) return { kind: 'refused', message: err.message, values }
    return { kind: 'refused', message: unexpectedFailure('portal_create_plan_error', err, { label: parsed.data.input_set_label }), values }
  }
  redirect(`/ui/plans/${id}`)
}
