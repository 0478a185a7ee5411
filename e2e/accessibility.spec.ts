// axe-core on every portal page at the desktop size (1280×800): a serious or critical violation
// fails the page, named with the rule, its help text and the elements it found.
import { AxeBuilder } from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { openPortalPage, usePortalPages } from './portal-pages'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const CONFIG_VERSION = 2
const LABEL = 'e2e-axe'
const BLOCKING = ['serious', 'critical']

test.describe.configure({ mode: 'serial' })

const portalPages = usePortalPages(LABEL, CONFIG_VERSION)

test('no serious or critical axe violation on any portal page (desktop)', async ({ page, context }) => {
  test.setTimeout(240_000)
  const found: string[] = []
  const pages = portalPages()
  for (const p of pages) {
    await openPortalPage(page, context, p)
    const { violations, passes } = await new AxeBuilder({ page }).analyze()
    // A page axe could not look into (no rule passed) would pass here for the wrong reason.
    if (passes.length < 10) found.push(`${p.name}: axe checked only ${passes.length} rules`)
    for (const v of violations.filter((v) => BLOCKING.includes(v.impact ?? ''))) {
      found.push(`${p.name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    }
  }
  expect(pages.length).toBe(14)
  expect(found).toEqual([])
})

test('the phone menu open passes axe too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, SEEDED.lead)
  await page.getByRole('button', { name: 'Menu' }).click()
  await expect(page.getByRole('link', { name: 'Sign out' })).toBeVisible()
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(violations.filter((v) => BLOCKING.includes(v.impact ?? '')).map((v) => `${v.id}: ${v.help}`)).toEqual([])
})
