// The browser half of collect_input_set_evidence: signs in through the real sign-in page with the
// configured account and screenshots the portal's History tab, so the picture shows what that
// user sees. It lives with the dev tools because it drives Playwright, a dev dependency that
// lib/ may not import; lib/input-sets/verbs/evidence.ts gets it passed in.
import { chromium, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../lib/chromium'
import { UnauthorizedError } from '../../lib/errors'
import type { EvidenceCredentials, HistoryScreenshot } from '../../lib/input-sets/verbs/evidence'

const NAVIGATION_TIMEOUT_MS = 30_000

export const screenshotHistory: HistoryScreenshot = async (baseUrl, label, credentials) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.setDefaultTimeout(NAVIGATION_TIMEOUT_MS)
    const historyPath = `/ui/plans/input_sets/${encodeURIComponent(label)}?tab=history`
    await signIn(page, baseUrl, historyPath, credentials)
    await page.goto(`${baseUrl}${historyPath}`)
    const table = page.getByRole('table', { name: 'History' })
    await table.waitFor({ state: 'visible' }).catch(() => {
      throw new Error(`No History table at ${baseUrl}${historyPath} (the page shows: ${page.url()}).`)
    })
    return await page.screenshot({ fullPage: true })
  } finally {
    await browser.close()
  }
}

async function signIn(page: Page, baseUrl: string, callbackPath: string, { email, password }: EvidenceCredentials): Promise<void> {
  await page.goto(`${baseUrl}/login?callbackUrl=${encodeURIComponent(callbackPath)}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const error = page.locator('#sign-in-error')
  const outcome = await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/login')).then(() => 'signed-in' as const),
    error.waitFor({ state: 'visible' }).then(() => 'refused' as const),
  ])
  if (outcome === 'refused') throw new UnauthorizedError(`Signing in as ${email} at ${baseUrl} failed: ${(await error.textContent())?.trim()}`)
}
