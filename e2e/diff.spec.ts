// The diff page in a real browser: a job is queued on first view and the page refreshes by
// itself into the report; the crafted pair shows its exact summary, chart and rows; the two
// reference bundles render; the reference picker changes the comparison.
import { expect, test, type Page } from '@playwright/test'
import { DIFF_SETS } from './diff-seed'
import { INPUT_SETS, snap } from './portal'
import { signIn } from './sign-in'

const diffPage = (label: string, against?: string) => `${INPUT_SETS}/${label}/diff${against ? `?against=${against}` : ''}`

async function waitForReport(page: Page): Promise<void> {
  // The first view queues the job; the page re-renders from the server until it is generated.
  await expect(page.getByRole('status').filter({ hasText: /Generated .* by diff job #\d+/ })).toBeVisible({ timeout: 30_000 })
}

function summaryRow(page: Page, section: string) {
  return page.getByRole('table', { name: 'Changes per section' }).getByRole('row').filter({ hasText: section })
}

test.beforeEach(async ({ page }) => signIn(page))

test('the crafted pair: the job runs in the background, then summary, totals, chart and rows show every change', async ({ page }) => {
  const browserErrors: string[] = []
  page.on('pageerror', (err) => browserErrors.push(err.message))
  await page.goto(diffPage(DIFF_SETS.craftedNext, DIFF_SETS.craftedBase))
  await waitForReport(page)
  await expect(summaryRow(page, 'Demand by family')).toContainText(/1\s*1\s*1\s*1/)
  await expect(summaryRow(page, 'Capacity')).toContainText(/0\s*0\s*1\s*\d+/)
  await expect(page.locator('.card').filter({ hasText: 'Demand total' })).toContainText('-10')
  await expect(page.locator('.card').filter({ hasText: 'Capacity total' })).toContainText('-50')
  const chart = page.locator('.chart-card')
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible()
  await chart.getByLabel('Family shown in the chart').selectOption('F1')
  await expect(chart.getByText('Demand change (F1)')).toBeVisible()

  // The section opens on its first kind with entries (added); the tabs carry the counts.
  await page.getByRole('link', { name: 'Changed (1)' }).click()
  const changed = page.getByRole('table', { name: 'Changed rows of Demand by family' })
  await expect(changed.getByRole('row').filter({ hasText: '2025-02' })).toContainText(/demand\s*120\s*→\s*140\s*\(Δ \+20, \+16\.67%\)/)
  await page.getByRole('link', { name: 'Removed (1)' }).click()
  await expect(page.getByRole('table', { name: 'Removed rows of Demand by family' })).toContainText('F2')
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: /Capacity/ })
    .click()
  await expect(page.getByRole('table', { name: 'Changed rows of Capacity' })).toContainText(/500\s*→\s*450/)
  await snap(page, '20-diff-crafted')
  expect(browserErrors).toEqual([])
})

test('the two reference bundles: the weekly set (no calendar file) against the planning set renders its summary', async ({ page }) => {
  await page.goto(diffPage(DIFF_SETS.weekly, DIFF_SETS.planning))
  await waitForReport(page)
  // Same CSV data; the weekly bundle carries no planning_calendar.json, so periods and parameters are removed.
  await expect(summaryRow(page, 'Demand by family')).toContainText(/0\s*0\s*0\s*24/)
  await expect(summaryRow(page, 'Calendar')).toContainText(/0\s*12\s*0\s*0/)
  await expect(summaryRow(page, 'Parameters')).toContainText(/0\s*7\s*0\s*0/)
  await expect(page.locator('.chart-card')).toContainText('Demand and capacity are the same in every period.')
  await snap(page, '21-diff-reference-bundles')
})

test('without ?against the newest other ready set of the config version is the reference; the picker changes it', async ({ page }) => {
  await page.goto(diffPage(DIFF_SETS.craftedNext))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`against ${DIFF_SETS.craftedBase}`)
  await page.getByLabel('Compare against').selectOption(DIFF_SETS.planning)
  await page.getByRole('button', { name: 'Compare' }).click()
  await expect(page).toHaveURL(new RegExp(`against=${DIFF_SETS.planning}`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`against ${DIFF_SETS.planning}`)
  await waitForReport(page)
})
