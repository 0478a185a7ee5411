import { expect, test } from '@playwright/test'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const { inputSet } = SEEDED

test('portal pages need a signed-in user: an anonymous visit lands on the sign-in page', async ({ page }) => {
  await page.goto('/ui/plans/input_sets')
  await expect(page).toHaveURL(/\/login\?callbackUrl=/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('a review link sent to an approver survives sign-in: the sign-in page brings them back to it', async ({ page }) => {
  const review = `/ui/plans/input_sets/${inputSet.label}/review`
  await page.goto(review)
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(review)}$`))
  await page.getByLabel('Email').fill(SEEDED.lead.email)
  await page.getByLabel('Password').fill(SEEDED.lead.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(new RegExp(`${review}$`))
  await expect(page.getByRole('heading', { name: new RegExp(`Review ${inputSet.label}`) })).toBeVisible()
})

test('sign-out ends the session on the server: a copy of the cookie taken before opens nothing', async ({ page, context }) => {
  await signIn(page)
  const before = await context.cookies()
  await page.getByRole('link', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
  await context.addCookies(before)
  await page.goto(`/ui/plans/input_sets/${inputSet.label}`)
  await expect(page).toHaveURL(/\/login\?callbackUrl=/)
  await expect(page.getByText(SEEDED.approvedBy)).toHaveCount(0)
})

test.describe('signed in', () => {
  test.beforeEach(async ({ page }) => signIn(page))

  test('home redirects to the input set list, which shows the seeded set with its status pill and JST times', async ({ page }) => {
    // A CSP that blocked Next's own scripts would only show up here, as console errors.
    const browserErrors: string[] = []
    page.on('console', (msg) => msg.type() === 'error' && browserErrors.push(msg.text()))
    page.on('pageerror', (err) => browserErrors.push(err.message))

    await page.goto('/')
    await expect(page).toHaveURL(/\/ui\/plans\/input_sets$/)
    await expect(page.getByRole('heading', { name: 'Input sets' })).toBeVisible()

    const row = page.getByRole('row').filter({ hasText: inputSet.label })
    await expect(row).toHaveCount(1)
    const pill = row.locator('.pill')
    await expect(pill).toHaveText(inputSet.status)
    await expect(pill).toHaveClass(/pill-ready/)
    await expect(row).toContainText(`r${inputSet.revision}`)
    await expect(row).toContainText(SEEDED.totalRows)
    await expect(row).toContainText(SEEDED.approvedBy)
    await expect(row).toContainText(SEEDED.updatedAtJst)
    await expect(row).toContainText(SEEDED.approvedAtJst)

    await page.screenshot({ path: 'test-results/input-sets-list.png', fullPage: true })
    expect(browserErrors).toEqual([])
  })

  test('a search that matches nothing shows the empty state with a way back', async ({ page }) => {
    await page.goto('/ui/plans/input_sets')
    await page.getByRole('searchbox', { name: 'Search label' }).fill('no-such-label')
    await page.getByRole('button', { name: 'Apply' }).click()

    await expect(page).toHaveURL(/[?&]q=no-such-label/)
    await expect(page.getByRole('status')).toContainText('No input sets match these filters.')
    await expect(page.getByRole('table')).toHaveCount(0)

    await page.getByRole('link', { name: 'Clear filters' }).click()
    await expect(page.getByRole('row').filter({ hasText: inputSet.label })).toHaveCount(1)
  })

  test('a status filter keeps only sets in that status', async ({ page }) => {
    await page.goto('/ui/plans/input_sets?status=draft')
    await expect(page.getByRole('status')).toContainText('No input sets match these filters.')
    await page.goto('/ui/plans/input_sets?status=ready')
    await expect(page.getByRole('row').filter({ hasText: inputSet.label })).toHaveCount(1)
  })

  test("an unknown input set is a 404 showing the close label as a link; an unknown address is a 404 with the app's page", async ({ page }) => {
    const missing = await page.goto(`/ui/plans/input_sets/${inputSet.label}x`)
    expect(missing?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Input set not found' })).toBeVisible()
    await expect(page.getByText(`Input set '${inputSet.label}x' not found.`)).toBeVisible()
    await page.getByRole('link', { name: inputSet.label, exact: true }).click()
    await expect(page).toHaveURL(new RegExp(`/ui/plans/input_sets/${inputSet.label}$`))
    await expect(page.getByRole('heading', { level: 1 })).toContainText(inputSet.label)

    const nowhere = await page.goto('/ui/no-such-page')
    expect(nowhere?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  })
})

test('health reports the database reachable and responses carry the security headers', async ({ request }) => {
  const res = await request.get('/api/health')
  expect(res.status()).toBe(200)
  expect(await res.json()).toEqual({ ok: true })
  const headers = res.headers()
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('same-origin')
  expect(headers['x-powered-by']).toBeUndefined()
})
