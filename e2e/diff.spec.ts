// The diff page in a real browser: a job is queued on first view and the page refreshes by
// itself into the report; the crafted pair shows its exact summary, chart and rows; the two
// reference bundles render; the default reference, the picker's order, the set's tab bar, the
// family × period table's sort and filter, and a section's CSV download.
import fs from 'node:fs'
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

test("default target: a draft against its label's ready revision, a ready revision against the previous one, else a sentence saying why", async ({ page }) => {
  await page.goto(diffPage(`${DIFF_SETS.revised}@draft`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${DIFF_SETS.revised}@draft against ${DIFF_SETS.revised}`)
  await waitForReport(page)
  await expect(page.getByRole('status')).toContainText(/revised r3 \w+ against revised r2 /)

  for (const ref of [DIFF_SETS.revised, `${DIFF_SETS.revised}@2`]) {
    await page.goto(diffPage(ref))
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`against ${DIFF_SETS.revised}@1`)
    await waitForReport(page)
    await expect(page.getByRole('status')).toContainText(/revised r2 \w+ against revised r1 /)
  }

  // The first ready revision has nothing before it: no unrelated label is picked instead.
  await page.goto(diffPage(DIFF_SETS.craftedNext))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${DIFF_SETS.craftedNext} against …`)
  await expect(
    page.getByText(`Nothing to compare '${DIFF_SETS.craftedNext}' (r1) against by default: ${DIFF_SETS.craftedNext} has no ready revision before r1.`),
  ).toContainText('Choose a reference in the list above')
  await page.getByLabel('Compare against').selectOption(DIFF_SETS.planning)
  await page.getByRole('button', { name: 'Compare' }).click()
  await expect(page).toHaveURL(new RegExp(`against=${DIFF_SETS.planning}`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`against ${DIFF_SETS.planning}`)
  await waitForReport(page)
})

test("the picker offers the label's own revisions first, newest first, then other labels; the compared revision is selected", async ({ page }) => {
  await page.goto(diffPage(`${DIFF_SETS.revised}@draft`))
  const picker = page.getByLabel('Compare against')
  const options = (await picker.locator('option').allTextContents()).map((t) => t.trim())
  expect(options.slice(0, 2)).toEqual(['revised@2 (ready)', 'revised@1 (superseded)'])
  expect(options.slice(2).length).toBeGreaterThan(3)
  for (const other of options.slice(2)) expect(other).not.toMatch(/^revised/)
  await expect(picker.locator('optgroup').first()).toHaveAttribute('label', `Revisions of ${DIFF_SETS.revised}`)
  // The default (the bare label) is the ready revision r2: that entry is the selected one.
  await expect(picker).toHaveValue(`${DIFF_SETS.revised}@2`)
  await picker.selectOption(`${DIFF_SETS.revised}@1`)
  await page.getByRole('button', { name: 'Compare' }).click()
  await expect(page).toHaveURL(/against=revised%401|against=revised@1/)
  await waitForReport(page)
  await expect(page.getByRole('status')).toContainText(/revised r3 \w+ against revised r1 /)
})

test("the diff page has the set's tab bar, with Diff current; the tabs lead to the set's other pages and back", async ({ page }) => {
  await page.goto(diffPage(`${DIFF_SETS.revised}@draft`))
  const tabs = page.getByRole('navigation', { name: 'Input set views' })
  await expect(tabs.getByRole('link')).toHaveText(['Overview', 'Review', 'History', 'Diff'])
  await expect(tabs.getByRole('link', { name: 'Diff' })).toHaveAttribute('aria-current', 'page')
  await tabs.getByRole('link', { name: 'Overview' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('revised r3')
  await page.getByRole('navigation', { name: 'Input set views' }).getByRole('link', { name: 'Diff' }).click()
  await expect(page).toHaveURL(new RegExp(`/${DIFF_SETS.revised}(%40|@)draft/diff$`))
  await tabs.getByRole('link', { name: 'History' }).click()
  await expect(page).toHaveURL(/tab=history/)
})

function cellRows(page: Page) {
  return page.getByRole('table', { name: 'Demand and capacity per family × period' }).locator('tbody tr')
}

test('the family × period table sorts by a column either way and filters by measure and text', async ({ page }) => {
  await page.goto(diffPage(DIFF_SETS.craftedNext, DIFF_SETS.craftedBase))
  await waitForReport(page)
  const rows = cellRows(page)
  // Family / work centre order first: three demand cells, then the work centre.
  await expect(rows).toHaveCount(4)
  await expect(rows.first()).toContainText(/Demand\s*F1\s*2025-02\s*120\s*140\s*\+20\s*\+16\.67%/)
  const table = page.getByRole('table', { name: 'Demand and capacity per family × period' })
  await table.getByRole('link', { name: 'Δ', exact: true }).click()
  await expect(page).toHaveURL(/cells_sort=delta/)
  await expect(rows.first()).toContainText(/F2\s*2025-01\s*80\s*0\s*-80/)
  await expect(rows.last()).toContainText('F3')
  await table.getByRole('link', { name: 'Δ', exact: true }).click()
  await expect(page).toHaveURL(/cells_dir=desc/)
  await expect(rows.first()).toContainText(/F3\s*2025-01\s*0\s*50\s*\+50\s*new/)
  await expect(table.getByRole('columnheader', { name: 'Δ', exact: true })).toHaveAttribute('aria-sort', 'descending')

  const filter = page.getByRole('search', { name: 'Filter the family × period table' })
  await filter.getByLabel('Measure').selectOption('capacity')
  await filter.getByRole('button', { name: 'Filter' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(/Capacity\s*WC1\s*2025-02\s*500\s*450\s*-50/)
  await filter.getByLabel('Measure').selectOption('')
  await filter.getByLabel('Family, work centre or period').fill('f1')
  await filter.getByRole('button', { name: 'Filter' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('F1')
  // The reference and the sort survive the filter.
  await expect(page).toHaveURL(new RegExp(`against=${DIFF_SETS.craftedBase}.*cells_sort=delta`))
  await snap(page, '22-diff-family-period-table')
})

test("a section's changed rows download as CSV", async ({ page }) => {
  await page.goto(diffPage(DIFF_SETS.craftedNext, DIFF_SETS.craftedBase))
  await waitForReport(page)
  await page.getByRole('link', { name: 'Changed (1)' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download changed rows of Demand by family as CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe(`diff_${DIFF_SETS.craftedNext}@1__${DIFF_SETS.craftedBase}@1_demand_family_changed.csv`)
  expect(fs.readFileSync((await file.path())!, 'utf8')).toBe(
    'family,period,demand_reference,demand_current,demand_delta,demand_relative,within_tolerance\nF1,2025-02,120,140,20,0.16666666666666666,false\n',
  )
})
