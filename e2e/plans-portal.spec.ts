// Plans and runs done in the portal rather than through the API or a shell: the plan form's
// picker of ready sets (and what it keeps after a refusal), Start a run on a plan page, the
// warning cards' Restore and Review buttons for those who may press them, and short items as a
// warning with the items listed. Desktop size (1280×800).
import { expect, test, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { cli } from './cli'
import { DIFF_SETS } from './diff-seed'
import { bundlePath, INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

function importSet(label: string, bundle: string = BUNDLES.reference) {
  cli('import_planning_inputs', '-i', bundlePath(bundle), '--version-id', '1', '--label', label, '--actor', 'planner')
}
const approve = (label: string) => cli('review_planning_input_set', '--label', label, '--action', 'approve', '--actor', 'lead')
const archive = (label: string) =>
  cli('review_planning_input_set', '--label', label, '--action', 'archive', '--actor', 'lead', '--comment', 'e2e: retire', '--force', '--reason', 'e2e: retire')

async function post(page: Page, url: string, data: unknown): Promise<Record<string, { id: number }>> {
  const res = await page.request.post(url, { data })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()) as Record<string, { id: number }>
}

/** A run of `label` (planned first) whose revision is then archived: its page shows Missing InputSet. */
async function runOfArchivedSet(page: Page, label: string): Promise<number> {
  importSet(label)
  approve(label)
  const { run } = await post(page, '/api/runs', { input_set_label: label, config_version_id: 1 })
  archive(label)
  return run.id
}

test('the plan form is a picker of ready sets; a refused plan keeps the set that was picked and says why', async ({ page }) => {
  // Each CLI call starts a process that loads the import code: a few seconds apiece.
  test.setTimeout(90_000)
  importSet('e2e-pick')
  approve('e2e-pick')
  await signIn(page, SEEDED.planner)
  await page.goto('/ui/plans')
  const form = page.getByRole('form', { name: 'Create a plan' })
  const picker = form.getByLabel('Ready input set')
  // Only ready sets are offered, each as its ready revision; a draft-only label is not among them.
  await expect(picker.getByRole('option', { name: 'e2e-pick · r1' })).toBeAttached()
  await expect(picker.getByRole('option', { name: `${SEEDED.inputSet.label} · r1` })).toBeAttached()
  // Styled like the portal's other forms: a white card with a border, the field at the portal's height.
  const look = await form.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, border: getComputedStyle(el).borderTopStyle }))
  expect(look).toEqual({ bg: 'rgb(255, 255, 255)', border: 'solid' })
  expect((await picker.boundingBox())!.height).toBeCloseTo(34, 0)

  await picker.selectOption('e2e-pick@1')
  await expect(form).toContainText('Config version 1 · FY26 baseline')
  // Someone archives it while the form is open: the plan is refused, the pick stays.
  archive('e2e-pick')
  await form.getByRole('button', { name: 'Create plan' }).click()
  await expect(form.getByRole('alert')).toContainText("input_set_label 'e2e-pick@1' resolves to e2e-pick@1, whose status is archived")
  await expect(picker).toHaveValue('e2e-pick@1')
  await expect(picker).toHaveAttribute('aria-invalid', 'true')
  await snap(page, 'plans-10-form-refused')

  await picker.selectOption(`${DIFF_SETS.planning}@1`)
  await form.getByRole('button', { name: 'Create plan' }).click()
  await expect(page).toHaveURL(/\/ui\/plans\/\d+$/)
  await expect(page.getByRole('region', { name: 'Input set' })).toContainText(DIFF_SETS.planning)
})

test('Start a run on a plan page runs that plan and opens the run; a viewer is not offered the button', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  const { plan } = await post(page, '/api/plans', { input_set_label: DIFF_SETS.planning, config_version_id: 1 })
  await page.goto(`/ui/plans/${plan.id}`)
  await page.getByRole('button', { name: 'Start a run' }).click()
  await expect(page).toHaveURL(/\/ui\/runs\/\d+$/)
  const runId = Number(page.url().split('/').pop())
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Run ${runId}`)
  await expect(page.locator('main')).toContainText('entrypoint ui')
  await expect(page.getByRole('link', { name: `Plan ${plan.id}` })).toBeVisible()
  await expect(page.locator('.warning-card')).toHaveCount(0)
  // The API reads the same run: the plan's revision and hash, started by the signed-in editor.
  const api = (await (await page.request.get(`/api/runs/${runId}`)).json()) as { run: Record<string, unknown> & { input_set: Record<string, unknown> } }
  expect([api.run.plan_id, api.run.entrypoint, api.run.created_by, api.run.input_set.label]).toEqual([plan.id, 'ui', SEEDED.planner.email, DIFF_SETS.planning])
  await page.goto(`/ui/plans/${plan.id}`)
  await expect(page.locator('main')).toContainText(`runs: ${runId}`)
  await snap(page, 'plans-11-started-run')

  await page.context().clearCookies()
  await signIn(page, SEEDED.viewer)
  await page.goto(`/ui/plans/${plan.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Plan ${plan.id}`)
  await expect(page.getByRole('button', { name: 'Start a run' })).toHaveCount(0)
})

test('Missing InputSet: an approver restores the archived revision from the card and lands on its review page; others see the commands only', async ({ page }) => {
  // Each CLI call starts a process that loads the import code: a few seconds apiece.
  test.setTimeout(90_000)
  await signIn(page, SEEDED.lead)
  const runId = await runOfArchivedSet(page, 'e2e-restore')

  for (const user of [SEEDED.viewer, SEEDED.planner]) {
    await page.context().clearCookies()
    await signIn(page, user)
    await page.goto(`/ui/runs/${runId}`)
    const card = page.locator('.warning-card').filter({ hasText: 'Missing InputSet' })
    await expect(card.locator('pre')).toContainText('--label e2e-restore@1 --action restore')
    await expect(card.getByRole('button')).toHaveCount(0)
    await expect(card).toContainText('An approver can restore the archived revision from this page.')
  }

  await page.context().clearCookies()
  await signIn(page, SEEDED.lead)
  await page.goto(`/ui/runs/${runId}`)
  const card = page.locator('.warning-card').filter({ hasText: 'Missing InputSet' })
  await expect(card.locator('pre')).toBeVisible()
  await snap(page, 'plans-12-restore-offered')
  await card.getByRole('button', { name: 'Restore e2e-restore@1' }).click()
  await expect(page).toHaveURL(new RegExp(`${INPUT_SETS}/e2e-restore/review$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Review e2e-restore')
  await expect(page.getByRole('heading', { level: 1 }).locator('.pill')).toHaveText('draft')
  // The restore is the review verb's: one restore event, by the approver, naming where it came from.
  const { events } = (await (await page.request.get('/api/plans/input_sets/e2e-restore/events?limit=1')).json()) as {
    events: { action: string; actor: string; comment: string | null }[]
  }
  expect(events[0]).toMatchObject({ action: 'restore', actor: SEEDED.lead.email, comment: `Restored from the Missing InputSet warning of run ${runId}.` })
  await page.goto(`/ui/runs/${runId}`)
  await expect(page.locator('.warning-card').filter({ hasText: 'Missing InputSet' })).toHaveCount(0)
})

test('Missing InputSet after a re-import: the card offers Review the new draft to an approver, which opens its review page', async ({ page }) => {
  // Each CLI call starts a process that loads the import code: a few seconds apiece.
  test.setTimeout(90_000)
  await signIn(page, SEEDED.lead)
  const runId = await runOfArchivedSet(page, 'e2e-reimport')
  importSet('e2e-reimport', BUNDLES.demandUpdate)
  await page.goto(`/ui/runs/${runId}`)
  const card = page.locator('.warning-card').filter({ hasText: 'Missing InputSet' })
  await expect(card.getByRole('button', { name: 'Restore e2e-reimport@1' })).toBeVisible()
  await card.getByRole('link', { name: 'Review the new draft (e2e-reimport r2)' }).click()
  await expect(page).toHaveURL(new RegExp(`${INPUT_SETS}/e2e-reimport/review$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('r2')
})

test('a legacy run offers an editor the way to plan from a ready set; a viewer gets the commands only', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  const { run } = await post(page, '/api/runs', { allow_legacy: true, legacy_reason: 'e2e: old nightly job' })
  await page.goto(`/ui/runs/${run.id}`)
  const card = page.locator('.warning-card').filter({ hasText: 'Legacy run' })
  await card.getByRole('link', { name: 'Plan from a ready input set' }).click()
  await expect(page).toHaveURL(/\/ui\/plans$/)
  await expect(page.getByRole('form', { name: 'Create a plan' })).toBeVisible()

  await page.context().clearCookies()
  await signIn(page, SEEDED.viewer)
  await page.goto(`/ui/runs/${run.id}`)
  await expect(page.locator('.warning-card').filter({ hasText: 'Legacy run' }).getByRole('link')).toHaveCount(0)
})

test('negative projected inventory is a warning card listing the short items, worst first', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  const { plan } = await post(page, '/api/plans', { input_set_label: DIFF_SETS.planning, config_version_id: 1 })
  await page.goto(`/ui/plans/${plan.id}`)
  const warning = page.getByRole('region', { name: /items have negative projected inventory/ })
  await expect(warning).toBeVisible()
  const table = warning.getByRole('table', { name: 'Items with negative projected inventory' })
  const rows = table.getByRole('row')
  // The reference bundle: SKU1 (50 in stock), SKU2 (30) and SKU3 (none) all fall short of their SKU demand.
  await expect(warning.getByRole('heading')).toHaveText('3 items have negative projected inventory')
  await expect(rows).toHaveCount(4)
  const items = await table.locator('tbody tr td:first-child').allTextContents()
  expect(items.sort()).toEqual(['SKU1', 'SKU2', 'SKU3'])
  const lowest = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map((t) => Number(t.replace(/,/g, '')))
  expect(lowest.every((v) => v < 0)).toBe(true)
  expect([...lowest].sort((a, b) => a - b)).toEqual(lowest)
  // Warning styling, not the summary's grey: the card's red edge and tinted background.
  const look = await warning.evaluate((el) => ({ edge: getComputedStyle(el).borderLeftColor, bg: getComputedStyle(el).backgroundColor }))
  expect(look).toEqual({ edge: 'rgb(180, 35, 24)', bg: 'rgb(255, 246, 245)' })
  await expect(page.getByRole('list', { name: 'Plan summary' })).not.toContainText('negative projected inventory')
  await snap(page, 'plans-13-short-items')
})
