// What waits for review, as an approver finds it: the list lands on "Awaiting review" when a draft
// waits (a filter in the URL still wins), a draft beside a ready revision is found there, its
// "draft rN pending" opens its review page, "waiting for you" marks what the viewer may approve
// (not their own upload), and the header's "N awaiting review" leads to the same view.
import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { bundlePath, INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn, type SeededUser } from './sign-in'

const BESIDE_READY = 'queue-beside-ready'
const LEADS_OWN = 'queue-leads-own'

/** Uploads the reference zip as the signed-in user, through the REST endpoint the upload page uses. */
async function uploadAs(page: Page, label: string): Promise<number> {
  const res = await page.request.post('/api/plans/input_sets', {
    multipart: {
      label,
      config_version_id: '1',
      files: { name: 'reference.zip', mimeType: 'application/zip', buffer: fs.readFileSync(bundlePath(BUNDLES.zip)) },
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { input_set: { revision: number } }).input_set.revision
}

test.beforeAll(async ({ browser }) => {
  // One browser context per user, each signed in through the sign-in page.
  const as = async (user: SeededUser) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, user)
    return page
  }
  // The planner's r1 approved by the lead, then the planner's r2: a draft beside a ready revision.
  const planner = await as(SEEDED.planner)
  const lead = await as(SEEDED.lead)
  await uploadAs(planner, BESIDE_READY)
  const approved = await lead.request.post(`/api/plans/input_sets/${BESIDE_READY}/review`, { data: { action: 'approve' } })
  expect(approved.status(), await approved.text()).toBe(200)
  await uploadAs(lead, LEADS_OWN)
  expect(await uploadAs(planner, BESIDE_READY)).toBe(2)
  await planner.context().close()
  await lead.context().close()
})

test("an approver lands on Awaiting review: a ready label's draft is there, linked to its review page, marked when it waits for them", async ({ page }) => {
  await signIn(page, SEEDED.lead)
  const chips = page.getByRole('navigation', { name: 'Filter by status' })
  const awaitingChip = chips.getByRole('link', { name: /^Awaiting review \d+$/ })
  await expect(awaitingChip).toHaveAttribute('aria-current', 'true')
  const waiting = Number((await awaitingChip.locator('.status-chip-count').textContent()) ?? '0')
  expect(waiting).toBeGreaterThanOrEqual(2)

  // The header says how many wait, and it is the chip's count.
  const header = page.getByRole('banner')
  await expect(header.getByRole('link', { name: `${waiting} awaiting review` })).toBeVisible()

  // The seeded ready set has no draft, so the view leaves it out.
  await expect(page.getByRole('row').filter({ hasText: SEEDED.inputSet.label })).toHaveCount(0)
  const beside = page.getByRole('row').filter({ hasText: BESIDE_READY })
  await expect(beside).toContainText('ready')
  await expect(beside).toContainText(`by ${SEEDED.planner.email}`)
  await expect(beside).toContainText(/just now|min ago/)
  await expect(beside.getByText('waiting for you')).toBeVisible()
  // The lead's own upload waits for another approver (four-eyes): not "waiting for you".
  const own = page.getByRole('row').filter({ hasText: LEADS_OWN })
  await expect(own).toContainText(`by ${SEEDED.lead.email}`)
  await expect(own.getByRole('link', { name: 'awaiting review' })).toBeVisible()
  await expect(own.getByText('waiting for you')).toHaveCount(0)
  // The pending draft's lines wrap: at 1280×800 the table fits the page without scrolling sideways.
  const table = page.locator('.table-wrap')
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
  await snap(page, '40-awaiting-review-landing')

  await beside.getByRole('link', { name: 'draft r2 pending' }).click()
  await expect(page).toHaveURL(new RegExp(`${INPUT_SETS}/${BESIDE_READY}/review$`))
  await expect(page.getByRole('heading', { name: `Review ${BESIDE_READY} r2` })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible()
})

test('a filter in the URL wins over the landing; All shows every set; the header count opens Awaiting review', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await page.goto(`${INPUT_SETS}?status=ready`)
  const chips = page.getByRole('navigation', { name: 'Filter by status' })
  await expect(chips.getByRole('link', { name: /^ready \d+$/ })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('row').filter({ hasText: SEEDED.inputSet.label })).toHaveCount(1)
  // A ready label's pending draft shows (and links) in any view.
  await expect(page.getByRole('row').filter({ hasText: BESIDE_READY }).getByRole('link', { name: 'draft r2 pending' })).toBeVisible()

  await chips.getByRole('link', { name: /^All \d+$/ }).click()
  await expect(page).toHaveURL(/awaiting_review=false/)
  await expect(chips.getByRole('link', { name: /^All \d+$/ })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('row').filter({ hasText: SEEDED.inputSet.label })).toHaveCount(1)
  await expect(page.getByRole('row').filter({ hasText: LEADS_OWN })).toHaveCount(1)
  // Sorting keeps the view the user chose.
  await page.getByRole('link', { name: /^Updated/ }).click()
  await expect(page.getByRole('row').filter({ hasText: SEEDED.inputSet.label })).toHaveCount(1)
  // A fresh form for the new view: the status select no longer shows the earlier filter.
  await expect(page.locator('form[role=search] select[name=status]')).toHaveValue('')
  await snap(page, '41-all-with-pending-drafts')

  await page
    .getByRole('banner')
    .getByRole('link', { name: /^\d+ awaiting review$/ })
    .click()
  await expect(page).toHaveURL(/awaiting_review=true/)
  await expect(chips.getByRole('link', { name: /^Awaiting review \d+$/ })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('row').filter({ hasText: SEEDED.inputSet.label })).toHaveCount(0)
})

test('a viewer lands on all sets, sees the header count and the pending drafts, but nothing waits for them', async ({ page }) => {
  await signIn(page, SEEDED.viewer)
  const chips = page.getByRole('navigation', { name: 'Filter by status' })
  await expect(chips.getByRole('link', { name: /^All \d+$/ })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('banner').getByRole('link', { name: /^\d+ awaiting review$/ })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: BESIDE_READY }).getByRole('link', { name: 'draft r2 pending' })).toBeVisible()
  await expect(page.getByText('waiting for you')).toHaveCount(0)
})
