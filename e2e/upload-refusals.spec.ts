// What the portal refuses, and how it says so: a malformed bundle (file, row, column), an
// oversized upload, a viewer's missing role, an approver approving their own upload (the
// comment survives), and a review action replayed from another site (Next's Origin check).
import { expect, test } from '@playwright/test'
import { BUNDLES, MALFORMED } from './bundles'
import { bundle, bundlePath, INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

test('a malformed bundle lists each error with file, row and column, and cannot become a draft', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto(`${INPUT_SETS}/upload`)
  await page.getByLabel('Files').setInputFiles(bundle(BUNDLES.malformed))
  await page.getByLabel('Label', { exact: true }).fill('fy25-malformed')
  await page.getByRole('button', { name: 'Validate' }).click()

  const report = page.getByRole('region', { name: 'Validation report' })
  await expect(report.getByRole('status')).toContainText('2 errors')
  await expect(report.getByRole('status')).toContainText('errors block the import')
  const issues = report.getByRole('table', { name: 'Issues' })
  const rows = issues.getByRole('row')
  // Errors come first, in file order.
  await expect(rows.nth(1)).toContainText('error')
  await expect(rows.nth(1)).toContainText('capacity.csv')
  await expect(rows.nth(1)).toContainText("Required column 'capacity' is missing.")
  await expect(rows.nth(1)).toContainText('missing_column')
  const demand = rows.filter({ hasText: 'demand_family.csv' })
  await expect(demand.getByRole('cell').nth(2)).toHaveText(String(MALFORMED.demandRow))
  await expect(demand.getByRole('cell').nth(3)).toHaveText('demand')
  await expect(demand).toContainText(`'${MALFORMED.demandValue}' is not a number.`)
  await expect(demand).toContainText('not_a_number')
  const files = report.getByRole('table', { name: 'Files' })
  await expect(files.getByRole('row').filter({ hasText: 'demand_family' })).toContainText(/24\s*23\s*1/)
  await expect(page.getByRole('button', { name: 'Create draft' })).toBeDisabled()
  await snap(page, '20-upload-malformed')

  await report.getByRole('button', { name: 'Errors (2)' }).click()
  await expect(rows).toHaveCount(3)
})

test('an upload over MAX_UPLOAD_BYTES is refused in the page before it is sent', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto(`${INPUT_SETS}/upload`)
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url())
  })
  const big = Buffer.alloc(2.5 * 1024 * 1024, 'F1,2025-01,1\n')
  await page.getByLabel('Files').setInputFiles({ name: 'demand_family.csv', mimeType: 'text/csv', buffer: big })
  await expect(page.getByText(/2\.5 MiB: demand_family\.csv — over the 2 MiB upload limit/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Validate' })).toBeDisabled()
  // Enter in a field does not submit either: nothing was sent to the server.
  await page.getByLabel('Label', { exact: true }).fill('fy25-too-large')
  await page.getByLabel('Label', { exact: true }).press('Enter')
  await page.waitForTimeout(500)
  expect(posts).toEqual([])
  await snap(page, '21-upload-too-large')
})

test('a viewer is told why they cannot upload, and sees the review page without buttons', async ({ page }) => {
  await signIn(page, SEEDED.viewer)
  await page.goto(`${INPUT_SETS}/upload`)
  await expect(page.getByRole('status').filter({ hasText: 'Uploading needs the editor role or higher' })).toBeVisible()
  await expect(page.getByLabel('Files')).toHaveCount(0)
  await snap(page, '22-upload-as-viewer')

  await page.goto(`${INPUT_SETS}/${SEEDED.inputSet.label}/review`)
  await expect(page.getByRole('list', { name: 'Not offered to you' })).toHaveText(
    'Approve, Revert and Archive are not offered: reviewing needs the approver role; you are viewer.',
  )
  await expect(page.getByRole('button')).toHaveCount(0)
  await snap(page, '23-review-as-viewer')
})

test('an approver cannot approve their own upload (four-eyes) and keeps the comment; a review replayed from another origin is refused', async ({ page }) => {
  const label = 'fy25-zip'
  const review = `${INPUT_SETS}/${label}/review`

  // The planner uploads the zip, the lead approves it and uploads a one-file change himself.
  await signIn(page, SEEDED.planner)
  await page.goto(`${INPUT_SETS}/upload`)
  await page.getByLabel('Files').setInputFiles(bundlePath(BUNDLES.zip))
  await page.getByLabel('Label', { exact: true }).fill(label)
  await page.getByRole('button', { name: 'Validate' }).click()
  await expect(page.getByRole('region', { name: 'Validation report' }).getByRole('status')).toContainText('0 errors')
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page.getByText(`Draft r1 of ${label} created.`)).toBeVisible()

  await signIn(page, SEEDED.lead)
  await page.goto(review)
  await page.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'status is now ready' })).toBeVisible()
  await page.goto(`${INPUT_SETS}/upload?label=${label}`)
  await page.getByLabel('Files').setInputFiles(bundle(BUNDLES.demandUpdate))
  await page.getByRole('button', { name: 'Validate' }).click()
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page.getByText(`Draft r2 of ${label} created.`)).toBeVisible()

  await page.goto(review)
  await expect(page.getByRole('heading', { name: `Review ${label} r2` })).toBeVisible()
  const changes = page.getByRole('table', { name: 'Section changes' })
  // Sections by their names, not their file stems.
  await expect(changes.getByRole('row').filter({ hasText: 'Demand by family' })).toContainText('changed')
  await expect(changes.getByRole('row').filter({ hasText: 'Capacity' })).toContainText('unchanged')
  await expect(changes).not.toContainText('demand_family')
  await expect(page.getByRole('link', { name: 'Open the full diff' })).toHaveAttribute('href', `${INPUT_SETS}/${label}%40draft/diff?against=${label}`)
  // The first view queued the draft's diff job; the page refreshes itself (no reload here) until
  // the table gains row-level counts, then says nothing more about generating them.
  const generating = page.getByRole('status').filter({ hasText: 'this page refreshes by itself' })
  await expect(changes.getByRole('row').filter({ hasText: 'Demand by family' })).toContainText(/\+0 −0 ~\d+/, { timeout: 20_000 })
  await expect(generating).toHaveCount(0)

  // The uploader is not offered Approve, and the page says why; Archive stays offered.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  const notOffered = page.getByRole('list', { name: 'Not offered to you' }).getByRole('listitem')
  await expect(notOffered).toHaveText([
    'Approve is not offered: you uploaded this draft; under the four-eyes rule another approver must approve it.',
    'Request changes is not offered: you uploaded this draft; a reviewer requests changes from its uploader.',
  ])
  await snap(page, '24-review-four-eyes-not-offered')

  // Capture the Archive action's request instead of sending it, then replay it.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined
  await page.route(`**${review}`, async (route) => {
    const request = route.request()
    if (request.method() !== 'POST') return route.continue()
    captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer()! }
    await route.abort()
  })
  await page.getByRole('button', { name: 'Archive…' }).click()
  await page.getByLabel('Reason for archiving (required)').fill('JIRA-9 superseded by the zip')
  await page.getByRole('button', { name: 'Yes, archive r2' }).click()
  await expect.poll(() => captured).toBeDefined()
  await page.unroute(`**${review}`)
  const replay = (origin: string) => {
    // The context sends its own cookies and length.
    const { cookie: _cookie, host: _host, 'content-length': _length, ...headers } = captured!.headers
    headers.origin = origin
    return page.request.post(captured!.url, { headers, data: captured!.body, maxRedirects: 0 })
  }
  const forged = await replay('http://evil.example')
  // proxy.ts refuses a cross-site write to a page before Next's own check (which would answer 500).
  expect(forged.status()).toBe(403)
  expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('cross_site')
  await page.goto(review)
  await expect(page.getByRole('heading', { name: `Review ${label} r2` }).locator('.pill')).toHaveText('draft')
  // The same request from this site's origin goes through: the Origin alone made the difference.
  const genuine = await replay(new URL(page.url()).origin)
  expect(genuine.status()).toBe(200)
  const events = await page.request.get(`/api/plans/input_sets/${label}/events?limit=1`)
  expect((await events.json()).events[0]).toMatchObject({ action: 'archive', actor: SEEDED.lead.email, revision: 2, comment: 'JIRA-9 superseded by the zip' })
})
