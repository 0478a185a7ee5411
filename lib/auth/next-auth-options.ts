// next-auth (v4) configuration: email + password against our users (with throttling), optional
// OpenID Connect single sign-on enabled purely by configuration, JWT sessions in an HttpOnly,
// SameSite=Lax cookie that is Secure whenever the site URL is https (next-auth's defaults).
import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import type { OAuthConfig } from 'next-auth/providers/oauth'
import { env } from '../env'
import { UnauthorizedError } from '../errors'
import { clientAddress } from '../http/client-address'
import { logError } from '../log'
import { SESSION_MAX_AGE_SECONDS } from './session-token'
import { authSecret } from './secret'
import { verifyCredentials } from './sign-in'
import { userForSsoSignIn } from './sso'
import { signOutEverywhere } from './session-version'
import { findUserRow } from './users'

export const SSO_PROVIDER_ID = 'oidc'

/** Error names the sign-in page understands (lib/auth/login-page.ts); nothing else reaches the URL. */
const SIGN_IN_ERRORS = { locked: 'SignInLocked', unavailable: 'SignInUnavailable' } as const

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string }

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env()
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null
  return {
    id: SSO_PROVIDER_ID,
    name: 'Single sign-on',
    type: 'oauth',
    wellKnown: `${OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? null }),
  }
}

/** Shown on the sign-in page when single sign-on is configured. */
export function ssoProviderName(): string | null {
  return oidcProvider()?.name ?? null
}

export function authOptions(): AuthOptions {
  const oidc = oidcProvider()
  const credentials = CredentialsProvider({
    id: 'credentials',
    name: 'Email and password',
    credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
    async authorize(input, req) {
      try {
        const user = await verifyCredentials({ email: input?.email ?? '', password: input?.password ?? '', ip: clientAddress(req.headers) })
        return { id: String(user.id), email: user.email, name: user.name }
      } catch (err) {
        if (err instanceof UnauthorizedError) {
          if (err.code === 'sign_in_locked') throw new Error(SIGN_IN_ERRORS.locked)
          return null
        }
        // next-auth would put the message into the redirect URL; it belongs in the log only.
        logError('sign_in_error', { error: err instanceof Error ? err.message : String(err) })
        throw new Error(SIGN_IN_ERRORS.unavailable)
      }
    },
  })
  return {
    secret: authSecret(),
    providers: oidc ? [credentials, oidc] : [credentials],
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    events: {
      // next-auth only clears the cookie; a copy taken before would still work until it expires.
      async signOut({ token }) {
        const id = Number(token?.sub)
        if (Number.isSafeInteger(id) && id > 0) await signOutEverywhere(id, { kind: 'user', id: `user:${id}`, name: String(token?.email ?? id) })
      },
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true
        const p = profile as OidcProfile | undefined
        // Some providers omit email_verified; one that says false is refused.
        if (!p?.email || p.email_verified === false) return false
        return (await userForSsoSignIn(p.email, p.name ?? user.name ?? undefined, env().OIDC_AUTO_CREATE_ROLE)) !== null
      },
      // The token names the local user: `sub` is our id (for SSO it would be the provider's).
      async jwt({ token, user }) {
        if (!user?.email) return token
        const local = await findUserRow({ email: user.email.trim().toLowerCase() })
        if (!local) throw new Error('AccessDenied')
        return { ...token, sub: String(local.id), email: local.email, name: local.name, role: local.role, sv: local.sessionVersion }
      },
      // Read afresh: the role may have changed since sign-in, and a disabled user has no session user.
      async session({ session, token }) {
        const id = Number(token.sub)
        const local = Number.isSafeInteger(id) && id > 0 ? await findUserRow({ id }) : null
        const current = local && !local.disabledAt && local.email === token.email && local.sessionVersion === token.sv
        const user = current ? { email: local.email, name: local.name, role: local.role } : undefined
        return { ...session, user }
      },
    },
  }
}
