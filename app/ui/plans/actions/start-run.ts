'use server'
// A plan page's Start a run button: runs the plan through createRun, the function behind
// POST /api/runs and POST /runs, so the run is recorded, counted and logged the same way (entrypoint
// `ui`). It needs the role the API needs (plans:write, editor and up), checked here whatever the
// page showed.
import { redirect } from 'next/navigation'
import { z } from 'zod'
import type { ActionRefusal } from '@/components/plans/action-refusal'
import { DomainError } from '@/lib/errors'
import { logInfo } from '@/lib/log'
import { createRun } from '@/lib/plans/create-run'
import { idParams } from '@/lib/plans/schema'
import { actingPrincipal, unexpectedFailure } from '../input_sets/actions/action-support'

const startRunForm = z.object({ plan_id: idParams.shape.id })

export async function startRunFromPlan(_previous: ActionRefusal | null, form: FormData): Promise<ActionRefusal> {
  const who = await actingPrincipal('plans:write')
  if ('refusal' in who) return { message: who.refusal }
  const parsed = startRunForm.safeParse({ plan_id: form.get('plan_id') ?? '' })
  if (!parsed.success) return { message: `plan_id: ${parsed.error.issues[0].message}` }
  const planId = parsed.data.plan_id
  let runId: number
  try {
    runId = (await createRun({ entrypoint: 'ui', actor: who.principal.actor, planId })).id
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message }
    return { message: unexpectedFailure('portal_start_run_error', err, { plan_id: planId }) }
  }
  logInfo('portal_run', { plan_id: planId, run_id: runId, actor: who.principal.actor.id })
  redirect(`/ui/runs/${runId}`)
}
