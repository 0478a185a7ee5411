// A path segment that is not percent-encoded UTF-8 (`%ff`, `%c0%af`, `%zz`) makes Next.js's router
// throw while it decodes the dynamic segments, before any app code runs, and answer a bare 500.
// proxy.ts rewrites such a segment to U+FFFD (the replacement character every lenient URL decoder
// uses for such bytes); the route's own parameter check then refuses it like any other bad value
// and names the parameter (400 `invalid_label`; the portal's 404 page).

const REPLACEMENT = '%EF%BF%BD'

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment)
    return true
  } catch {
    return false
  }
}

/** The path with every undecodable segment replaced by U+FFFD; the same string when there is none. */
export function readablePath(pathname: string): string {
  if (!pathname.includes('%')) return pathname
  const segments = pathname.split('/')
  return segments.every(decodes) ? pathname : segments.map((s) => (decodes(s) ? s : REPLACEMENT)).join('/')
}
