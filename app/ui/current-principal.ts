import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import type { Principal } from '@/lib/auth/principal'
import { principalFromSessionToken, sessionTokenFromCookies } from '@/lib/auth/session'

/** The signed-in user of this request, or null. Pages and server actions read it here. */
export async function currentPrincipal(): Promise<Principal | null> {
  const jar = await cookies()
  return principalFromSessionToken(sessionTokenFromCookies((name) => jar.get(name)?.value))
}

/** The signed-in user; anyone else is sent to the sign-in page. */
export async function requirePagePrincipal(callbackPath = '/ui/plans/input_sets'): Promise<Principal> {
  const principal = await currentPrincipal()
  if (!principal) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`)
  return principal
}
