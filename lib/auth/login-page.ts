// Pure helpers of the sign-in page, shared by its server page and its client form.

export const DEFAULT_AFTER_SIGN_IN = '/ui/plans/input_sets'

/**
 * Where to go after signing in: a path on this site only. next-auth passes absolute URLs of this
 * site; their path is kept. Anything else (another host, `//host`, `/\host`) goes to the default.
 */
export function safeCallbackPath(raw: string | undefined): string {
  if (!raw) return DEFAULT_AFTER_SIGN_IN
  let candidate = raw
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw)
      candidate = `${url.pathname}${url.search}`
    } catch {
      return DEFAULT_AFTER_SIGN_IN
    }
  }
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\') || candidate.startsWith('/login')) {
    return DEFAULT_AFTER_SIGN_IN
  }
  return candidate
}

/**
 * One message per next-auth error name. Wrong password and unknown email are the same
 * `CredentialsSignin`, so the page cannot tell anyone which accounts exist. Unknown names get the
 * generic message: the error parameter comes from the URL and is never shown as given.
 */
export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null
  switch (error) {
    case 'CredentialsSignin':
      return 'Email or password is incorrect.'
    case 'SignInLocked':
      return 'Too many failed sign-in attempts. Try again in 15 minutes.'
    case 'AccessDenied':
      return 'This account may not sign in here. Ask an administrator for access.'
    case 'SessionRequired':
      return 'Please sign in to continue.'
    default:
      return 'Sign-in failed. Please try again.'
  }
}

/** The sign-in page's address that brings the user back to `path` (when it is a path of this site). */
export function signInHref(path: string | null | undefined): string {
  return `/login?callbackUrl=${encodeURIComponent(safeCallbackPath(path ?? undefined))}`
}
