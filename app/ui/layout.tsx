import { requirePagePrincipal } from './current-principal'

// Every portal page needs a signed-in user. This check is the last of three: proxy.ts redirects
// before anything renders, and each page's data reads need the request's access (pageAccess), because
// a layout renders in parallel with its page and cannot stop the page's output on its own.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  await requirePagePrincipal()
  return children
}
