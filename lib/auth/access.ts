// Every read of input-set, plan or run data takes a ReadAccess: proof, made here and nowhere
// else, that a principal with `input_sets:read` was checked for this request. A page, component
// or route that has no principal has no way to make one, so it cannot read data by forgetting a
// check (docs/security.md, "Authentication that cannot be forgotten").
import { ForbiddenError, UnauthorizedError } from '../errors'
import type { Actor } from '../input-sets/actor'
import { hasScope, type Principal } from './principal'

declare const accessBrand: unique symbol

export type ReadAccess = { readonly principal: Principal; readonly [accessBrand]: true }

// Only objects made by the functions below pass requireReadAccess: a literal cast to the type fails at run time.
const issued = new WeakSet<object>()

function issue(principal: Principal): ReadAccess {
  const access = Object.freeze({ principal }) as ReadAccess
  issued.add(access)
  return access
}

/** The caller's read access; UnauthorizedError without a principal, ForbiddenError without the scope. */
export function readAccess(principal: Principal | null | undefined): ReadAccess {
  if (!principal) throw new UnauthorizedError('Sign in to read input sets.')
  if (!hasScope(principal, 'input_sets:read')) {
    throw new ForbiddenError("Reading input sets needs the 'input_sets:read' scope.", { scope: 'input_sets:read' })
  }
  return issue(principal)
}

/** Every data read calls this first. */
export function requireReadAccess(access: ReadAccess | null | undefined): void {
  if (!access || !issued.has(access)) throw new UnauthorizedError('Reading input-set data needs a signed-in principal.')
}

/**
 * The command line's access: whoever can run the CLIs on the server can open the database file
 * or connection anyway. Next replaces `process.env.NEXT_RUNTIME` in its server bundles, so this
 * refuses to work inside the web server, where every read must come from a request's principal.
 */
export function commandLineReadAccess(actor: Actor): ReadAccess {
  if (process.env.NEXT_RUNTIME) throw new Error('commandLineReadAccess is for the command-line tools, not the web server.')
  return issue({ actor, role: 'admin', scopes: ['input_sets:read'], via: 'local' })
}
