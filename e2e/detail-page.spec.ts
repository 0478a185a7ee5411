// The detail page of one input set: the actions up top each offered only when they fit the
// viewer, the revisions beside the summary, a long section in pages whose address is kept;
// and the upload report's wording for a bundle with warnings only.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { bundle, bundlePath, INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const LONG = 'e2e-long-demand'
const DETAIL = `${INPUT_SETS}/${LONG}`
const FAMILIES = 130

test.describe.configure({ mode: 'serial' })

/** A CLI against the server's database, as an operator runs it. */
function cli(script: string, ...args: string[]) {
  const r = spawnSync('node_modules/.bin/tsx', [`scripts/${script}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '' },
    encoding: 'utf8',
  })
  expect(r.status, `${script}: ${r.stderr}`).toBe(0)
}

function actions(page: Page) {
  return page.getByRole('group', { name: 'Actions' })
}

/** A config version of its own: this set must not become the newest ready set of version 1, which the diff spec compares against. */
const CONFIG_VERSION = '7'

test.beforeAll(({}, testInfo) => {
  // Already there when the spec is run again on the same database.
  spawnSync('node_modules/.bin/tsx', ['scripts/create_config_version.ts', '--id', CONFIG_VERSION, '--name', 'detail page'], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '' },
  })
  // The reference bundle with 130 demand rows: more than one page of the section.
  const dir = testInfo.outputPath('long-demand')
  fs.cpSync(bundlePath(BUNDLES.reference), dir, { recursive: true })
  const rows = Array.from({ length: FAMILIES }, (_, i) => `F${String(i + 1).padStart(3, '0')},2025-01,${i + 1}`)
  fs.writeFileSync(path.join(dir, 'demand_family.csv'), ['family,period,demand', ...rows].join('\n') + '\n')
  cli('import_planning_inputs', '-i', dir, '--version-id', CONFIG_VERSION, '--label', LONG, '--actor', 'planner')
  cli('review_planning_input_set', '--label', LONG, '--action', 'approve', '--actor', 'lead', '--comment', 'E2E-1 approve by lead')
  cli('import_planning_inputs', '-i', bundlePath(BUNDLES.demandUpdate), '--version-id', CONFIG_VERSION, '--label', LONG, '--actor', 'planner')
})

test('a viewer is offered Diff and Export only; the revisions sit beside the summary', async ({ page }) => {
  await signIn(page, SEEDED.viewer)
  await page.goto(DETAIL)
  await expect(page.getByRole('heading', { name: `${LONG} r1` })).toBeVisible()
  await expect(actions(page).getByRole('link')).toHaveText(['Diff', 'Export zip'])
  await expect(actions(page).getByRole('link', { name: 'Export zip' })).toHaveAttribute('href', `/api/plans/input_sets/${LONG}%401/export?format=zip`)
  await expect(actions(page).getByRole('button')).toHaveCount(0)

  const revisions = page.getByRole('region', { name: 'Revisions' })
  await expect(revisions.getByRole('row')).toHaveCount(3)
  const status = await page.getByRole('region', { name: 'Status' }).boundingBox()
  const beside = await revisions.boundingBox()
  // At 1280×800 the revisions are to the right of the summary cards, at the same height.
  expect(beside!.x).toBeGreaterThan(status!.x + status!.width)
  expect(Math.abs(beside!.y - status!.y)).toBeLessThan(60)
  await snap(page, '40-detail-as-viewer')
})

test('an approver gets Upload new revision, Review draft, Create plan, Diff and Export, in that order; each leads where it says', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await page.goto(DETAIL)
  const group = actions(page)
  await expect(group.getByRole('link').or(group.getByRole('button'))).toHaveText(['Upload new revision', 'Review draft r2', 'Create plan', 'Diff', 'Export zip'])
  await snap(page, '41-detail-as-approver')
  await group.getByRole('link', { name: 'Review draft r2' }).click()
  await expect(page).toHaveURL(`${DETAIL}/review`)
  await expect(page.getByRole('heading', { name: `Review ${LONG} r2` })).toBeVisible()

  // The draft's own page offers no Create plan: plans are made from ready revisions.
  await page.goto(`${DETAIL}%40draft`)
  await expect(actions(page).getByRole('button', { name: 'Create plan' })).toHaveCount(0)

  await page.goto(DETAIL)
  await actions(page).getByRole('button', { name: 'Create plan' }).click()
  await expect(page).toHaveURL(/\/ui\/plans\/\d+$/)
  await expect(page.getByText(`${LONG}`).first()).toBeVisible()
})

test('an editor viewing a ready revision is offered Upload and Create plan but not the review of the draft', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto(DETAIL)
  await expect(actions(page).getByRole('link').or(actions(page).getByRole('button'))).toHaveText(['Upload new revision', 'Create plan', 'Diff', 'Export zip'])
  await expect(actions(page).getByRole('link', { name: 'Upload new revision' })).toHaveAttribute('href', `${INPUT_SETS}/upload?label=${LONG}`)
})

test('a long section is shown in pages; the pager keeps the address, so a reload or a shared link shows the same page', async ({ page }) => {
  await signIn(page, SEEDED.viewer)
  await page.goto(DETAIL)
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: /Demand by family/ })
    .click()
  const pager = page.getByRole('navigation', { name: 'Demand by family pages' })
  await expect(pager).toContainText(`Showing 1–50 of ${FAMILIES}`)
  await pager.getByRole('link', { name: 'Next page' }).click()
  await expect(page).toHaveURL(new RegExp(`${DETAIL}\\?section=demand_family&page=2#section$`))
  await expect(pager).toContainText(`Showing 51–100 of ${FAMILIES}`)
  await expect(page.getByRole('table', { name: 'Demand by family rows' })).toContainText('F051')
  await page.reload()
  await expect(pager).toContainText(`Showing 51–100 of ${FAMILIES}`)
  await snap(page, '42-detail-section-page-2')
})

test('a bundle with warnings only: the report is amber, not green; Line says it is the file line; sections by name', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto(`${INPUT_SETS}/upload`)
  await page.getByLabel('Files').setInputFiles(bundle(BUNDLES.demandUpdate))
  await page.getByLabel('Label', { exact: true }).fill('e2e-warned-new')
  await page.getByRole('button', { name: 'Validate' }).click()
  const report = page.getByRole('region', { name: 'Validation report' })
  const banner = report.getByRole('status')
  await expect(banner).toContainText('0 errors')
  await expect(banner).toContainText('warnings do not block the import')
  // Amber (#fff4dc), not the green (#e3f4e8) of a clean report.
  await expect(banner).toHaveCSS('background-color', 'rgb(255, 244, 220)')
  const issues = report.getByRole('table', { name: 'Issues' })
  await expect(issues.getByRole('columnheader', { name: 'Line' })).toBeVisible()
  await expect(report.getByText('is the line in the file as a text editor shows it')).toBeVisible()
  // A new label without planning_calendar.json is told so.
  await expect(issues.getByRole('row').filter({ hasText: 'no_calendar' })).toContainText('no earlier calendar to inherit')
  await expect(report.getByRole('table', { name: 'Files' }).getByRole('row').filter({ hasText: 'demand_family.csv' })).toContainText('Demand by family')
  await snap(page, '43-upload-warnings-only')
})

test('an approver requests changes on the draft (confirmed, with a comment); the set page shows them to the uploader while the draft is pending', async ({
  page,
}) => {
  await signIn(page, SEEDED.lead)
  await page.goto(`${DETAIL}/review`)
  await page.getByRole('button', { name: 'Request changes…' }).click()
  const confirm = page.getByRole('group', { name: `Request changes ${LONG} r2?` })
  await expect(confirm).toContainText('stays a pending draft')
  await page.getByLabel('Reason for requesting changes (required)').fill('E2E-2 demand of F001 looks doubled')
  await confirm.getByRole('button', { name: 'Yes, request changes r2' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Requested changes on ${LONG} r2` })).toContainText('the draft stays pending')
  await expect(page.getByRole('heading', { name: `Review ${LONG} r2` }).locator('.pill')).toHaveText('draft')
  await snap(page, '44-review-changes-requested')

  await signIn(page, SEEDED.planner)
  await page.goto(DETAIL)
  const note = page.getByRole('note').filter({ hasText: 'Changes requested on draft r2' })
  await expect(note).toContainText('“E2E-2 demand of F001 looks doubled”')
  await expect(note).toContainText(SEEDED.lead.email)
  await snap(page, '45-detail-changes-requested')
  await page.goto(`${DETAIL}?tab=history`)
  await expect(page.getByRole('table', { name: 'History' }).getByRole('row').filter({ hasText: 'request changes' })).toContainText(
    'E2E-2 demand of F001 looks doubled',
  )
})
