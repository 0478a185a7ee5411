// One input set's life in the portal, in order: a planner uploads the reference bundle,
// cannot approve it, a lead approves it, the History shows both in JST, a new upload is
// announced as a draft for review, the lead reverts, the detail page draws its charts and
// the evidence collector captures the history.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { bundle, expectRecentJst, INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const LABEL = 'fy25-reference'
const DETAIL = `${INPUT_SETS}/${LABEL}`
const REVIEW = `${DETAIL}/review`
const UPLOAD_API = '/api/plans/input_sets'
const started = new Date()

test.describe.configure({ mode: 'serial' })

function historyTable(page: Page) {
  return page.getByRole('table', { name: 'History' })
}

function eventRow(page: Page, action: string, actor: string) {
  return historyTable(page).getByRole('row').filter({ hasText: action }).filter({ hasText: actor })
}

test('a planner validates the reference bundle (no errors, rows per file, nothing written), then creates the draft', async ({ page }) => {
  await page.goto('/login')
  await snap(page, '01-sign-in')
  await signIn(page, SEEDED.planner)
  await page.goto(`${INPUT_SETS}/upload`)
  await expect(page.getByRole('heading', { name: 'Upload input set' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create draft' })).toBeDisabled()
  await snap(page, '02-upload-form')

  await page.getByLabel('Files').setInputFiles(bundle(BUNDLES.reference))
  await page.getByLabel('Label', { exact: true }).fill(LABEL)
  await page.getByLabel('Comment').fill('JIRA-7 FY25 reference bundle')
  await expect(page.getByLabel('Inherit absent sections')).toBeChecked()
  // The page sends the files to the REST endpoint itself (no server action), with the browser's Origin.
  const validated = page.waitForResponse((r) => r.url().endsWith(UPLOAD_API) && r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Validate' }).click()
  const validation = await validated
  expect(validation.status()).toBe(200)
  expect(await validation.request().headerValue('origin')).toBe(new URL(page.url()).origin)
  expect((await validation.json()).report).toMatchObject({ label: LABEL, ok: true })

  const report = page.getByRole('region', { name: 'Validation report' })
  await expect(report.getByRole('status')).toContainText('0 errors')
  const files = report.getByRole('table', { name: 'Files' })
  await expect(files.getByRole('row').filter({ hasText: 'demand_family' })).toContainText(/24\s*24\s*0\s*0/)
  await expect(files.getByRole('row').filter({ hasText: 'capacity' })).toContainText(/12\s*12\s*0\s*0/)
  await expect(files.getByRole('row').filter({ hasText: 'planning_calendar' })).toContainText('12')
  await expect(page.getByText(`'${LABEL}' is a new label`)).toBeVisible()
  await snap(page, '03-upload-report')

  // Validate wrote nothing: the list (in a second tab, so the chosen files stay) does not know the label.
  const list = await page.context().newPage()
  await list.goto(INPUT_SETS)
  await expect(list.getByRole('heading', { name: 'Input sets' })).toBeVisible()
  await expect(list.getByText(LABEL)).toHaveCount(0)
  await snap(list, '04-list-before-draft')
  await list.close()

  const creating = page.waitForResponse((r) => r.url().endsWith(UPLOAD_API) && r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Create draft' }).click()
  const creation = await creating
  expect(creation.status()).toBe(201)
  expect((await creation.json()).input_set).toMatchObject({ label: LABEL, revision: 1, status: 'draft' })
  await expect(page.getByText(`Draft r1 of ${LABEL} created.`)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create draft' })).toBeDisabled()
  await expect(page.getByRole('link', { name: 'Open the review page' })).toHaveAttribute('href', REVIEW)
  // The draft exists as the REST API reads it, uploaded by the planner with the form's comment.
  const draft = await page.request.get(`${UPLOAD_API}/${LABEL}@draft`)
  expect(draft.status()).toBe(200)
  expect(await draft.json()).toMatchObject({
    label: LABEL,
    revision: { number: 1, status: 'draft', uploaded_by: SEEDED.planner.email, upload_comment: 'JIRA-7 FY25 reference bundle' },
  })
  await snap(page, '05-upload-created')

  await page.goto(INPUT_SETS)
  await expect(page.getByRole('row').filter({ hasText: LABEL })).toContainText('draft')
  await snap(page, '06-list-with-draft')
})

test('the uploader cannot approve: an editor is offered no review action, and the page says why', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto(REVIEW)
  await expect(page.getByRole('heading', { name: `Review ${LABEL}` })).toBeVisible()
  await expect(page.getByText(`${SEEDED.planner.email} (you)`)).toBeVisible()
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible()
  await expect(page.getByRole('list', { name: 'Not offered to you' })).toHaveText(
    'Approve, Request changes and Archive are not offered: reviewing needs the approver role; you are editor.',
  )
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0)
  await snap(page, '07-review-as-uploader')
})

test('a lead approves with a comment (a stale second tab is refused, naming the status); the History tab lists the upload by the planner and the approval by the lead in JST', async ({
  page,
}) => {
  await signIn(page, SEEDED.lead)
  await page.goto(REVIEW)
  await expect(page.getByRole('button', { name: 'Revert' })).toHaveCount(0)
  await expect(page.getByText(`${LABEL} has no ready revision yet`)).toBeVisible()
  await snap(page, '08-review-as-lead')

  // A second tab still showing the draft, to try a second approval once it is ready.
  const stale = await page.context().newPage()
  await stale.goto(REVIEW)

  await page.getByLabel('Comment').fill('JIRA-7 approve by lead')
  await page.getByRole('button', { name: 'Approve' }).click()
  const done = page.getByRole('status').filter({ hasText: `Approved ${LABEL} r1` })
  await expect(done).toContainText('status is now ready')
  // The page is rendered anew for the new status: ready revisions can be reverted or archived.
  await expect(page.getByRole('button', { name: 'Revert' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Not offered to you' })).toContainText('Approve is not offered: there is nothing to approve — its status is ready')
  await expect(page.getByLabel('Comment')).toHaveValue('')
  await snap(page, '09-review-approved')

  await stale.getByLabel('Comment').fill('JIRA-7 second look')
  await stale.getByRole('button', { name: 'Approve' }).click()
  await expect(stale.getByRole('alert').filter({ hasText: 'Approve refused' })).toContainText('there is nothing to approve — its status is ready')
  await expect(stale.getByLabel('Comment')).toHaveValue('JIRA-7 second look')
  await expect(stale.getByRole('button', { name: 'Revert' })).toBeVisible()
  await snap(stale, '09-review-stale-tab-refused')
  await stale.close()

  await done.getByRole('link', { name: 'History' }).click()
  await expect(page).toHaveURL(/\?tab=history$/)
  await expect(historyTable(page)).toBeVisible()
  const approve = eventRow(page, 'approve', SEEDED.lead.email)
  const upload = eventRow(page, 'upload', SEEDED.planner.email)
  await expect(approve).toHaveCount(1)
  await expect(approve).toContainText('JIRA-7 approve by lead')
  await expect(upload).toHaveCount(1)
  await expect(upload).toContainText('JIRA-7 FY25 reference bundle')
  await expectRecentJst(approve, started)
  await expectRecentJst(upload, started)
  await snap(page, '10-history')
})

test('a new upload to a ready label is announced as a new draft for review and inherits the sections it lacks', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto(`${INPUT_SETS}/upload?label=${LABEL}`)
  await expect(page.getByLabel('Label', { exact: true })).toHaveValue(LABEL)
  await page.getByLabel('Files').setInputFiles(bundle(BUNDLES.demandUpdate))
  await page.getByRole('button', { name: 'Validate' }).click()
  await expect(page.getByText(`'${LABEL}' has a ready revision (r1). This upload becomes a new draft for review`)).toBeVisible()
  const inherited = page.getByText(/Inherited \(not in this upload, copied from revision r1\)/)
  // Sections by their names, not their file stems.
  await expect(inherited).toContainText('Capacity')
  await expect(inherited).toContainText('Calendar')
  await expect(inherited).not.toContainText('planning_calendar')
  await expect(page.getByRole('button', { name: 'Create draft' })).toBeEnabled()
  await snap(page, '11-upload-to-ready-label')
})

test('a lead reverts the ready revision after confirming it with a reason (refused without one); the History tab records it', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await page.goto(REVIEW)
  // Archive asks first; cancelling changes nothing.
  await page.getByRole('button', { name: 'Archive…' }).click()
  await expect(page.getByRole('group', { name: `Archive ${LABEL} r1?` })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('group', { name: `Archive ${LABEL} r1?` })).toHaveCount(0)

  await page.getByRole('button', { name: 'Revert…' }).click()
  const confirm = page.getByRole('group', { name: `Revert ${LABEL} r1?` })
  await expect(confirm).toContainText('goes back to draft')
  await snap(page, '12-review-revert-confirm')
  // Confirmed without a reason: the server refuses and nothing changes.
  await confirm.getByRole('button', { name: 'Yes, revert r1' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Revert refused' })).toContainText('A comment is required to revert')
  await expect(page.getByLabel('Reason for reverting (required)')).toHaveAttribute('aria-invalid', 'true')
  expect((await (await page.request.get(`${UPLOAD_API}/${LABEL}`)).json()).revision.status).toBe('ready')

  await page.getByLabel('Reason for reverting (required)').fill('JIRA-8 revert: wrong week')
  await confirm.getByRole('button', { name: 'Yes, revert r1' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Reverted ${LABEL} r1` })).toContainText('status is now draft')
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible()
  await snap(page, '12-review-reverted')

  await page.goto(`${DETAIL}?tab=history`)
  await expect(eventRow(page, 'revert', SEEDED.lead.email)).toContainText('JIRA-8 revert: wrong week')
  await snap(page, '13-history-after-revert')
})

test('the detail page draws its charts from the uploaded data', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await page.goto(DETAIL)
  await expect(page.locator('.recharts-surface').first()).toBeVisible()
  // Bars or lines, i.e. drawn data rather than empty axes.
  await expect(page.locator('.recharts-surface').locator('path.recharts-rectangle, path.recharts-curve').first()).toBeAttached()
  await snap(page, '14-detail')
})

test('collect_input_set_evidence writes the events body and a History screenshot; unknown or unsafe labels exit 4 and 2', async ({ page }, testInfo) => {
  test.setTimeout(90_000)
  const out = testInfo.outputPath('evidence')
  const env = {
    ...process.env,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    EVIDENCE_EMAIL: SEEDED.viewer.email,
    EVIDENCE_PASSWORD: SEEDED.viewer.password,
  }
  const collect = (...args: string[]) =>
    spawnSync('node_modules/.bin/tsx', ['scripts/collect_input_set_evidence.ts', '--base-url', testInfo.project.use.baseURL!, '--out', out, ...args], {
      env,
      encoding: 'utf8',
    })

  const ok = collect('--label', LABEL, '--date', '20260102')
  expect(ok.status, ok.stderr).toBe(0)
  const dir = path.join(out, 'input_sets', LABEL, '20260102')
  const events = JSON.parse(fs.readFileSync(path.join(dir, 'events.json'), 'utf8')) as { events: { action: string }[] }
  expect(events.events.map((e) => e.action)).toEqual(['revert', 'approve', 'upload'])

  // The same body as the REST events endpoint (read with the viewer's session).
  await signIn(page, SEEDED.viewer)
  const api = await page.request.get(`/api/plans/input_sets/${LABEL}/events?limit=500`)
  expect(await api.json()).toEqual(events)

  const png = fs.readFileSync(path.join(dir, 'history.png'))
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  expect(png.readUInt32BE(16)).toBe(1280)
  expect(png.length).toBeGreaterThan(20_000)
  await testInfo.attach('history.png', { path: path.join(dir, 'history.png'), contentType: 'image/png' })

  const unknown = collect('--label', 'no-such-set')
  expect(unknown.status).toBe(4)
  expect(unknown.stderr).toContain("Input set 'no-such-set' not found.")
  const unsafe = collect('--label', '../etc')
  expect(unsafe.status).toBe(2)
  expect(fs.existsSync(path.join(out, 'etc'))).toBe(false)
})
