import { expect, test } from '@playwright/test'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

test('the API reference needs a session: an anonymous visit lands on sign-in and comes back after it', async ({ page }) => {
  await page.goto('/api/docs')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fapi%2Fdocs$/)
  await page.getByLabel('Email').fill(SEEDED.viewer.email)
  await page.getByLabel('Password').fill(SEEDED.viewer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/api\/docs$/)
})

test('the API reference renders the generated document: its scripts run, nothing else fails, nothing is loaded from elsewhere', async ({ page, baseURL }) => {
  await signIn(page)
  const problems: string[] = []
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()))
  page.on('pageerror', (err) => problems.push(err.message))
  const origin = new URL(baseURL!).origin
  const failed: string[] = []
  page.on('response', (res) => res.status() >= 400 && failed.push(`${res.status()} ${res.url()}`))
  const elsewhere: string[] = []
  // A request the policy refuses never completes; one that finishes brought bytes from elsewhere.
  page.on('requestfinished', (req) => {
    const url = new URL(req.url())
    if (url.protocol.startsWith('http') && url.origin !== origin) elsewhere.push(req.url())
  })
  await page.goto('/api/docs')
  await expect(page.getByRole('heading', { name: 'Planning Hub — Input Sets' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText('Upload a bundle as a new draft').first()).toBeVisible()
  await expect(page.getByText('List input sets').first()).toBeVisible()
  // Every script and style runs; only the component's web fonts, declared on its makers' server, are
  // refused by the page policy (font-src 'self'), so no byte comes from elsewhere.
  const refused = problems.filter((p) => /Content Security Policy|Refused to/i.test(p))
  expect(refused.filter((p) => !/^Loading the font 'https:\/\/fonts\.scalar\.com\/[\w.-]+\.woff2' violates .*"font-src 'self'"/.test(p))).toEqual([])
  expect(problems.filter((p) => !refused.includes(p))).toEqual([])
  expect(failed).toEqual([])
  expect(elsewhere).toEqual([])
})
