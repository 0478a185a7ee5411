import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { readAccess, type ReadAccess } from '@/lib/auth/access'
import { signInHref } from '@/lib/auth/login-page'
import type { Principal } from '@/lib/auth/principal'
import { principalFromSessionToken } from '@/lib/auth/session'
import { sessionTokenFromCookies } from '@/lib/auth/session-token'
import { REQUEST_PATH_HEADER } from '@/lib/http/request-path'

/** The signed-in user of this request, or null. Pages and server actions read it here. */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const jar = await cookies()
  return principalFromSessionToken(sessionTokenFromCookies((name) => jar.get(name)?.value))
})

/** Where this request was going, as proxy.ts recorded it; the sign-in page sends the user back there. */
async function requestedPath(): Promise<string | null> {
  return (await headers()).get(REQUEST_PATH_HEADER)
}

/** The sign-in page's address that brings the user back to this page. */
export async function signInHereHref(): Promise<string> {
  return signInHref(await requestedPath())
}

/** The signed-in user; anyone else is sent to the sign-in page, which brings them back here. */
export async function requirePagePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal()
  if (!principal) redirect(await signInHereHref())
  return principal
}

/**
 * The read access every page passes to the data it loads (lib/auth/access.ts). A page that does not
 * call this has no access to pass, so it cannot read set data; one that does never renders for a
 * caller without a session. One per request.
 */
export const pageAccess = cache(async (): Promise<ReadAccess> => readAccess(await requirePagePrincipal()))
