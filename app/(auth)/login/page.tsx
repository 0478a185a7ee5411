import type { Metadata } from 'next'
import { SignInForm } from '@/components/sign-in-form'
import { safeCallbackPath, signInErrorMessage } from '@/lib/auth/login-page'
import { SSO_PROVIDER_ID, ssoProviderName } from '@/lib/auth/next-auth-options'

// Reads the query (callback URL, next-auth's error name) on every request.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Sign in' }

type SearchParams = Promise<Record<string, string | string[] | undefined>>

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  return (
    <section className="sign-in-page">
      <h1>Sign in</h1>
      <SignInForm
        callbackUrl={safeCallbackPath(first(params.callbackUrl))}
        initialError={signInErrorMessage(first(params.error))}
        ssoName={ssoProviderName()}
        ssoId={SSO_PROVIDER_ID}
      />
    </section>
  )
}
