import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { principalFromSessionToken, sessionTokenFromCookies } from '@/lib/auth/session'

// Every portal page needs a signed-in user (SPEC §9); the check runs on each request.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const jar = await cookies()
  const principal = await principalFromSessionToken(sessionTokenFromCookies((name) => jar.get(name)?.value))
  if (!principal) redirect('/login?callbackUrl=/ui/plans/input_sets')
  return children
}
