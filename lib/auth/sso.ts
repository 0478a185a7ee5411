// Single sign-on maps the identity provider's verified email to a local user, who carries the
// role. Unknown emails are refused unless OIDC_AUTO_CREATE_ROLE names a role to create them with.
import { ConflictError } from '../errors'
import type { Actor } from '../input-sets/actor'
import type { Role } from './principal'
import { createUser, findUserRow, normalizeEmail, toUserView, type UserView } from './users'

const SSO_ACTOR: Actor = { kind: 'system', id: 'system:sso', name: 'single sign-on' }

/** The local user for an SSO sign-in, or null when that email may not sign in. */
export async function userForSsoSignIn(rawEmail: string, name: string | undefined, autoCreateRole: Role | undefined): Promise<UserView | null> {
  let email: string
  try {
    email = normalizeEmail(rawEmail)
  } catch {
    return null
  }
  const existing = await findUserRow({ email })
  if (existing) return existing.disabledAt ? null : toUserView(existing)
  if (!autoCreateRole) return null
  try {
    return await createUser({ email, name: name?.trim().slice(0, 200) || undefined, role: autoCreateRole }, SSO_ACTOR)
  } catch (err) {
    // A parallel first sign-in of the same person created the user a moment earlier.
    if (!(err instanceof ConflictError)) throw err
    const created = await findUserRow({ email })
    return created && !created.disabledAt ? toUserView(created) : null
  }
}
