'use server'
// The diff page's retry button: queues a new job for a pair whose last job failed, then
// re-renders the page, which shows the queued job. Next checks the Origin of every action
// request (CSRF); any signed-in reader may retry, as opening the page queues jobs too.
import { after } from 'next/server'
import { refresh } from 'next/cache'
import { kickDiffWorker } from '@/lib/diff/background'
import { requestDiff } from '@/lib/diff/request'
import { readAccess } from '@/lib/auth/access'
import { DomainError } from '@/lib/errors'
import { parseInputSetRef } from '@/lib/input-sets/labels'
import { actingPrincipal, unexpectedFailure } from './action-support'

export type RetryState = { message: string } | null

export async function retryDiff(_previous: RetryState, form: FormData): Promise<RetryState> {
  const who = await actingPrincipal('input_sets:read')
  if ('refusal' in who) return { message: who.refusal }
  const label = String(form.get('label') ?? '')
  const against = String(form.get('against') ?? '')
  try {
    const refs = { current: parseInputSetRef(label), against: parseInputSetRef(against, 'against') }
    await requestDiff(readAccess(who.principal), refs, { requestedBy: who.principal.actor.name, retry: true })
    after(() => kickDiffWorker())
    refresh()
    return null
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message }
    return { message: unexpectedFailure('portal_diff_retry_failed', err, { label, against }) }
  }
}
