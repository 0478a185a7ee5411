// The portal on a phone (390×844): no page scrolls sideways, the header folds into a Menu button
// (which works without JavaScript too), wide tables scroll inside their own box with the first
// column held in place, and the review page stacks into one column.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { snap } from './portal'
import { openPortalPage, usePortalPages, type PortalPage } from './portal-pages'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const PHONE = { width: 390, height: 844 }
const CONFIG_VERSION = 3
const LABEL = 'e2e-phone'

test.use({ viewport: PHONE })
test.describe.configure({ mode: 'serial' })

const portalPages = usePortalPages(LABEL, CONFIG_VERSION)
const find = (name: string) => portalPages().find((p) => p.name === name)!
const open = (page: Page, p: PortalPage) => openPortalPage(page, page.context(), p)

test('no portal page scrolls sideways at 390 px: list, detail tabs, review, diff, upload, plans, plan, runs, runs with warnings, login', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000)
  const tooWide: string[] = []
  const pages = portalPages()
  for (const p of pages) {
    await openPortalPage(page, context, p)
    const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // What sticks out: anything past the right edge that is not scrolled away inside a table's own box.
      culprits: Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && (!el.closest('.table-wrap') || getComputedStyle(el).position !== 'static'))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)}`),
    }))
    if (scrollWidth > innerWidth) tooWide.push(`${p.name} (${p.path}): ${scrollWidth} px wide in ${innerWidth} px: ${culprits.join(', ')}`)
    await snap(page, `phone-${p.name}`)
  }
  expect(pages.length).toBe(14)
  expect(tooWide).toEqual([])
})

test('the header folds into a Menu button with aria-expanded; the menu holds the navigation, the user and Sign out', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(menu).toBeVisible()
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  // Folded away: nothing of the header is beyond the screen's right edge.
  await expect(page.getByRole('link', { name: 'Sign out' })).toBeHidden()
  const header = await page.locator('.site-header').boundingBox()
  expect(header!.width).toBeLessThanOrEqual(PHONE.width)
  const button = await menu.boundingBox()
  expect(button!.x + button!.width).toBeLessThanOrEqual(PHONE.width)

  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  const signOut = page.getByRole('link', { name: 'Sign out' })
  await expect(signOut).toBeInViewport({ ratio: 1 })
  await expect(page.locator('.site-menu-panel')).toContainText(`${SEEDED.lead.email} · approver`)
  await snap(page, 'phone-menu-open')

  await page.keyboard.press('Escape')
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(menu).toBeFocused()

  await menu.click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click()
  await expect(page).toHaveURL(/\/ui\/plans$/)
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(signOut).toBeHidden()

  await menu.click()
  await signOut.click()
  await expect(page).toHaveURL(/\/login/)
})

async function withoutJavaScript(browser: Browser, signedIn: Page): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE })
  await context.addCookies(await signedIn.context().cookies())
  return context.newPage()
}

test('without JavaScript the Menu still opens and its links work', async ({ page, browser }) => {
  await signIn(page, SEEDED.lead)
  const noJs = await withoutJavaScript(browser, page)
  try {
    await noJs.goto('/ui/plans/input_sets')
    await expect(noJs.getByRole('link', { name: 'Runs' })).toBeHidden()
    await noJs.getByRole('button', { name: 'Menu' }).click()
    await noJs.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click()
    await expect(noJs).toHaveURL(/\/ui\/runs$/)
    await expect(noJs.getByRole('heading', { level: 1 })).toHaveText('Runs')
  } finally {
    await noJs.context().close()
  }
})

test('the review page is one column: the changes follow the decision, and the content hash reads on whole lines', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await open(page, find('review'))
  const decision = await page.getByRole('region', { name: /Draft under review|Current revision/ }).boundingBox()
  const hash = page.locator('dd code').filter({ hasText: /^[0-9a-f]{64}$/ })
  await expect(hash).toBeVisible()
  const changes = await page.getByRole('table', { name: 'Section changes' }).boundingBox()
  expect(changes!.y, 'the changes sit below the decision, not beside it').toBeGreaterThan(decision!.y + decision!.height - 1)
  // One character per line would make the 64-character hash 64 lines tall and a few pixels wide.
  const box = await hash.boundingBox()
  expect(box!.width).toBeGreaterThan(150)
  expect(box!.height).toBeLessThan(120)
})

test('a wide table scrolls inside its own box, and its first column stays in view while it does', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await open(page, find('plan'))
  const table = page.getByRole('table', { name: 'Plan by period' })
  const wrap = table.locator('xpath=..')
  const { scrollWidth, clientWidth } = await wrap.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }))
  expect(scrollWidth, 'the table is wider than the phone').toBeGreaterThan(clientWidth)
  const first = table.getByRole('row').nth(1).getByRole('cell').first()
  const second = table.getByRole('row').nth(1).getByRole('cell').nth(1)
  const before = { first: (await first.boundingBox())!, second: (await second.boundingBox())! }
  await wrap.evaluate((el) => el.scrollTo({ left: 200 }))
  await expect.poll(async () => (await second.boundingBox())!.x).toBeLessThan(before.second.x - 100)
  expect((await first.boundingBox())!.x, 'the first column is sticky').toBeCloseTo(before.first.x, 0)

  await open(page, find('diff'))
  const diffTable = page.getByRole('table', { name: 'Changes per section' })
  const diffWrap = diffTable.locator('xpath=..')
  const wrapBox = (await diffWrap.boundingBox())!
  expect(wrapBox.x + wrapBox.width, 'the diff table’s box fits the screen').toBeLessThanOrEqual(PHONE.width)
  const lastHeader = diffTable.getByRole('columnheader').last()
  await lastHeader.scrollIntoViewIfNeeded()
  await expect(lastHeader).toBeInViewport()
})
