// No silent replacement: Create draft over a colleague's pending draft is refused, and the page
// asks, naming the colleague; "Keep their draft" writes nothing, "Replace …" sends the same chosen
// files again and the History records whose draft was replaced. One's own draft is replaced freely.
import { expect, test, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { bundle, INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const LABEL = 'replace-colleague'

async function validateAndCreate(page: Page, label: string): Promise<void> {
  await page.goto(`${INPUT_SETS}/upload`)
  await page.getByLabel('Files').setInputFiles(bundle(BUNDLES.reference))
  await page.getByLabel('Label', { exact: true }).fill(label)
  await page.getByRole('button', { name: 'Validate' }).click()
  await expect(page.getByRole('region', { name: 'Validation report' }).getByRole('status')).toContainText('0 errors')
  await page.getByRole('button', { name: 'Create draft' }).click()
}

test("Create draft over a colleague's pending draft asks first, naming them; Replace sends the chosen files again", async ({ page, browser }) => {
  // The planner's draft r1.
  const plannerContext = await browser.newContext()
  const planner = await plannerContext.newPage()
  await signIn(planner, SEEDED.planner)
  await validateAndCreate(planner, LABEL)
  await expect(planner.getByText(`Draft r1 of ${LABEL} created.`)).toBeVisible()
  await plannerContext.close()

  await signIn(page, SEEDED.lead)
  await validateAndCreate(page, LABEL)
  const ask = page.getByRole('alert').filter({ hasText: 'already has a draft waiting for review' })
  await expect(ask).toContainText(`${LABEL} already has a draft waiting for review: r1, uploaded by ${SEEDED.planner.email}.`)
  await expect(ask).toContainText('Nothing was imported.')
  await expect(ask).toContainText('Your chosen files are kept and will be sent again.')
  await snap(page, '42-upload-replace-asks')
  // Nothing was written by the refused upload.
  expect((await page.request.get(`/api/plans/input_sets/${LABEL}@2`)).status()).toBe(404)

  // Keep: back to the report, nothing written, Create draft still possible.
  await ask.getByRole('button', { name: 'Keep their draft' }).click()
  await expect(ask).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Validation report' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create draft' })).toBeEnabled()
  expect((await page.request.get(`/api/plans/input_sets/${LABEL}@2`)).status()).toBe(404)

  // Replace: the same files are sent again with replace_draft.
  await page.getByLabel('Comment').fill('JIRA-11 planner is away')
  await page.getByRole('button', { name: 'Create draft' }).click()
  await ask.getByRole('button', { name: `Replace ${SEEDED.planner.email}'s draft` }).click()
  await expect(page.getByText(`Draft r2 of ${LABEL} created.`)).toBeVisible()
  await snap(page, '43-upload-replaced')

  const events = (await (await page.request.get(`/api/plans/input_sets/${LABEL}/events`)).json()) as {
    events: { action: string; actor: string; comment: string | null; metadata: Record<string, unknown> }[]
  }
  expect(events.events[0]).toMatchObject({
    action: 'upload',
    actor: SEEDED.lead.email,
    comment: 'JIRA-11 planner is away',
    metadata: { replaced_draft: { revision: 1, uploaded_by: SEEDED.planner.email } },
  })
  expect((await (await page.request.get(`/api/plans/input_sets/${LABEL}@1`)).json()).revision.status).toBe('superseded')

  // The History tab tells the same story.
  await page.goto(`${INPUT_SETS}/${LABEL}?tab=history`)
  await expect(page.getByRole('row').filter({ hasText: 'JIRA-11 planner is away' })).toContainText(`replaced r1 by ${SEEDED.planner.email}`)

  // The lead's own draft is replaced without a question.
  await validateAndCreate(page, LABEL)
  await expect(page.getByText(`Draft r3 of ${LABEL} created.`)).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'already has a draft waiting for review' })).toHaveCount(0)
})
