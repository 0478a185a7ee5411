'use client'

import { signIn } from 'next-auth/react'
import { useRef, useState, type FormEvent } from 'react'
import { signInErrorMessage } from '@/lib/auth/login-page'

type Props = { callbackUrl: string; initialError: string | null; ssoName: string | null; ssoId: string }

/**
 * Posts to next-auth's credentials provider without leaving the page, so a failure is shown
 * next to the form (focus moves to the message for screen readers) and the email stays typed.
 */
export function SignInForm({ callbackUrl, initialError, ssoName, ssoId }: Props) {
  const [error, setError] = useState<string | null>(initialError)
  const [pending, setPending] = useState(false)
  const errorRef = useRef<HTMLParagraphElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setPending(true)
    setError(null)
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        callbackUrl,
        redirect: false,
      })
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the header with the new session.
        window.location.assign(result.url ?? callbackUrl)
        return
      }
      setError(signInErrorMessage(result?.error ?? 'unknown'))
    } catch {
      setError(signInErrorMessage('unknown'))
    }
    setPending(false)
    if (passwordRef.current) passwordRef.current.value = ''
    requestAnimationFrame(() => errorRef.current?.focus())
  }

  return (
    <>
      <form className="sign-in" onSubmit={onSubmit} aria-describedby={error ? 'sign-in-error' : undefined}>
        {error && (
          <p id="sign-in-error" className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
            {error}
          </p>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required autoFocus maxLength={254} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required maxLength={1024} ref={passwordRef} />
        </label>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {ssoName && (
        <p className="sign-in-alt">
          <button type="button" className="link-button" onClick={() => void signIn(ssoId, { callbackUrl })}>
            Sign in with {ssoName}
          </button>
        </p>
      )}
    </>
  )
}
