import { requirePagePrincipal } from './current-principal'

// Every portal page needs a signed-in user (SPEC §9); the check runs on each request.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  await requirePagePrincipal()
  return children
}
