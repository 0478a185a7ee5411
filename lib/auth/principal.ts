// Who is calling, as every /api route and page sees it: a signed-in user (session
// cookie) or an API token. A token never exceeds its owner's role.
import type { Actor } from '../input-sets/actor'

export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const SCOPES = ['input_sets:read', 'input_sets:write', 'input_sets:review', 'plans:write', 'metrics:read'] as const
export type Scope = (typeof SCOPES)[number]

export type Principal = {
  actor: Actor
  role: Role
  /** Token scopes; a session carries every scope its role allows. */
  scopes: readonly Scope[]
  /** `local`: a command-line tool on the server (lib/auth/access.ts). */
  via: 'session' | 'token' | 'local'
}

/** What each role may do; roles are cumulative. */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  viewer: ['input_sets:read', 'metrics:read'],
  editor: ['input_sets:read', 'metrics:read', 'input_sets:write', 'plans:write'],
  approver: ['input_sets:read', 'metrics:read', 'input_sets:write', 'plans:write', 'input_sets:review'],
  admin: SCOPES,
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum)
}

/** A principal may use a scope only if both its role and (for tokens) its token grant it. */
export function hasScope(p: Principal, scope: Scope): boolean {
  return ROLE_SCOPES[p.role].includes(scope) && p.scopes.includes(scope)
}

/** Every scope a principal may use (its role's, narrowed by a token's). */
export function grantedScopes(p: Principal): Scope[] {
  return SCOPES.filter((scope) => hasScope(p, scope))
}

/** The account a principal acts for. */
export type PrincipalUser = { id: number; email: string; role: Role }

/**
 * A user acts under one identity whichever way they come in: a token's actor id is its owner's,
 * so four-eyes cannot be bypassed by approving one's own upload through a token.
 */
export function userActor(user: PrincipalUser, kind: 'user' | 'token'): Actor {
  return { kind, id: `user:${user.id}`, name: user.email }
}

export function sessionPrincipal(user: PrincipalUser): Principal {
  return { actor: userActor(user, 'user'), role: user.role, scopes: ROLE_SCOPES[user.role], via: 'session' }
}

/** A token grants what it was given and its owner's current role allows. */
export function tokenPrincipal(user: PrincipalUser, tokenScopes: readonly Scope[]): Principal {
  const scopes = tokenScopes.filter((s) => ROLE_SCOPES[user.role].includes(s))
  return { actor: userActor(user, 'token'), role: user.role, scopes, via: 'token' }
}
