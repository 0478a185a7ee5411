// Every audit action, `{entity}.{verb}`, in one list (docs/security.md, "Audit events"). The
// database stores the text and checks only its shape, so a new verb is added here and needs no
// migration. No database: components may import it too.
import { InvalidError } from '../errors'

export const AUDIT_ACTIONS = [
  // Input sets (docs/revisions.md, "Events").
  'input_set.upload',
  'input_set.update',
  'input_set.approve',
  'input_set.revert',
  'input_set.archive',
  'input_set.restore',
  'input_set.export',
  'input_set.diff',
  'input_set.request_changes',
  // Manual events (lib/input-sets/manual-events.ts): they record, they change nothing.
  'input_set.note',
  'input_set.record_approval',
  // Accounts, tokens, sign-in and sessions (docs/accounts.md).
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'sign_in.failed',
  'sign_in.locked',
  'session.sign_out',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export type InputSetAction = Extract<AuditAction, `input_set.${string}`>
/** The verb of an input-set action: what the events endpoint calls `action` (`approve`). */
export type InputSetVerb = InputSetAction extends `input_set.${infer Verb}` ? Verb : never

export const INPUT_SET_ENTITY = 'input_set'

export function isAuditAction(text: string): text is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(text)
}

export function isInputSetAction(action: AuditAction): action is InputSetAction {
  return action.startsWith(`${INPUT_SET_ENTITY}.`)
}

export function assertAuditAction(text: string): AuditAction {
  if (!isAuditAction(text)) throw new InvalidError(`Unknown audit action '${text}': expected one of ${AUDIT_ACTIONS.join(', ')}.`, { field: 'action' })
  return text
}

/** `input_set.approve` → `approve`. */
export function verbOf(action: string): string {
  return action.slice(action.indexOf('.') + 1)
}

export function inputSetAction(verb: InputSetVerb): InputSetAction {
  return `${INPUT_SET_ENTITY}.${verb}`
}
