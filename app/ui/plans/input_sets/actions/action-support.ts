// Shared by the portal's server actions: who is acting, and an unexpected failure turned
// into a message with a reference that matches the server log line (never a stack trace).
import { randomUUID } from 'node:crypto'
import { hasScope, type Principal, type Scope } from '@/lib/auth/principal'
import { errorFields, logError } from '@/lib/log'
import { currentPrincipal } from '../../../current-principal'

const NEEDS: Record<Scope, string> = {
  'input_sets:read': 'viewer',
  'input_sets:write': 'editor',
  'input_sets:review': 'approver',
  'plans:write': 'editor',
  'metrics:read': 'viewer',
}

/**
 * The signed-in user when they hold `scope`, else the sentence explaining why not. Actions are
 * reachable without the page (a crafted POST), so each one checks again whatever the page showed.
 */
export async function actingPrincipal(scope: Scope): Promise<{ principal: Principal } | { refusal: string }> {
  const principal = await currentPrincipal()
  if (!principal) return { refusal: 'Your session has ended. Sign in again in another tab, then retry here.' }
  if (!hasScope(principal, scope)) {
    return { refusal: `This needs the ${NEEDS[scope]} role or higher; ${principal.actor.name} is ${principal.role}. Ask an administrator if you need it.` }
  }
  return { principal }
}

export function unexpectedFailure(event: string, err: unknown, fields: Record<string, unknown>): string {
  const reference = randomUUID().slice(0, 8)
  logError(event, { reference, ...fields, ...errorFields(err) })
  return `Something went wrong on the server (reference ${reference}); nothing was changed. Try again, or give the reference to the Planning Hub operators.`
}
