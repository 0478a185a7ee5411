import { expect, test, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { cli } from './cli'
import { DIFF_SETS } from './diff-seed'
import { bundlePath, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const MISSING = 'e2e-missing-set'

async function postRun(page: Page, data: unknown): Promise<number> {
  const res = await page.request.post('/api/runs', { data })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { run: { id: number } }).run.id
}

test('an editor creates a plan from the seeded ready set: input-set card, chart, plan table and artifacts', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click()
  await expect(page.getByRole('heading', { name: 'Plans' })).toBeVisible()
  const form = page.getByRole('form', { name: 'Create a plan' })
  await form.getByLabel('Ready input set').selectOption(`${SEEDED.inputSet.label}@${SEEDED.inputSet.revision}`)
  await expect(form).toContainText(`Config version ${SEEDED.configVersion.id} · ${SEEDED.configVersion.name}`)
  await form.getByRole('button', { name: 'Create plan' }).click()
  await expect(page).toHaveURL(/\/ui\/plans\/\d+$/)

  const card = page.getByRole('region', { name: 'Input set' })
  await expect(card).toContainText(SEEDED.inputSet.label)
  await expect(card).toContainText(`revision r${SEEDED.inputSet.revision}`)
  await expect(card.locator('.pill')).toHaveText('ready')
  await expect(card.locator('.hash-text')).toHaveText(/^[0-9a-f]{64}$/)
  await expect(card.getByRole('link', { name: `Diff ${SEEDED.inputSet.label}` })).toHaveAttribute('href', `/ui/plans/input_sets/${SEEDED.inputSet.label}/diff`)
  const chart = page.getByRole('figure', { name: 'Plan chart' })
  await expect(chart.locator('.recharts-surface').first()).toBeVisible()
  await expect(chart.locator('path.recharts-rectangle').first()).toBeAttached()
  const table = page.getByRole('table', { name: 'Plan by period' })
  await expect(table.getByRole('row')).toHaveCount(13)
  // June has no capacity: no utilisation, demand carried as backlog.
  await expect(table.getByRole('row').filter({ hasText: '2026-06' })).toContainText('no capacity')
  await expect(page.locator('.warning-card')).toHaveCount(0)
  const artifacts = page.getByRole('list', { name: 'Artifacts' })
  await expect(artifacts.getByRole('link', { name: 'planning_input_set.json' })).toBeVisible()
  const download = await page.request.get((await artifacts.getByRole('link', { name: 'planning_input_set.json' }).getAttribute('href'))!)
  expect((await download.json()).label).toBe(SEEDED.inputSet.label)
  await snap(page, 'plans-01-plan')
})

test('a legacy run and a run whose input set was archived show their warnings with the commands to fix them', async ({ page }) => {
  test.setTimeout(90_000)
  await signIn(page, SEEDED.planner)
  const legacy = await postRun(page, { allow_legacy: true, legacy_reason: 'nightly job predates input sets' })

  cli('import_planning_inputs', '-i', bundlePath(BUNDLES.reference), '--version-id', '1', '--label', MISSING, '--actor', 'planner')
  cli('review_planning_input_set', '--label', MISSING, '--action', 'approve', '--actor', 'lead')
  const bound = await postRun(page, { input_set_label: MISSING, config_version_id: 1 })
  cli(
    'review_planning_input_set',
    '--label',
    MISSING,
    '--action',
    'archive',
    '--actor',
    'lead',
    '--comment',
    'e2e: retired',
    '--force',
    '--reason',
    'e2e: retire the set',
  )

  await page.goto(`/ui/runs/${legacy}`)
  const legacyCard = page.locator('.warning-card').filter({ hasText: 'Legacy run' })
  await expect(legacyCard).toContainText('nightly job predates input sets')
  await expect(legacyCard.locator('pre')).toContainText('/api/runs')
  await expect(legacyCard.locator('pre')).toContainText('"input_set_label": "<ready label>"')
  await snap(page, 'plans-02-legacy-run')

  await page.goto(`/ui/runs/${bound}`)
  const missing = page.locator('.warning-card').filter({ hasText: 'Missing InputSet' })
  await expect(missing).toContainText(`${MISSING}@1 was archived`)
  await expect(missing).toContainText(`Restoring ${MISSING}@1 is what clears this warning for this run`)
  await expect(missing).toContainText(`A new run needs a ready revision of ${MISSING}`)
  await expect(missing.locator('pre')).toContainText(`--label ${MISSING}@1 --action restore`)
  await expect(missing.locator('pre')).toContainText(`npx tsx scripts/import_planning_inputs.ts -i out/planning_inputs_${MISSING} --version-id 1 --label ${MISSING}`)
  await snap(page, 'plans-03-missing-run')

  await page.goto('/ui/runs')
  await expect(page.getByRole('row').filter({ hasText: `Run ${legacy}` })).toContainText('legacy: no input set')
  await expect(page.getByRole('row').filter({ hasText: `Run ${bound}` })).toContainText('Missing InputSet')
})

test('a plan from the reference bundle shows its input-set card, chart and periods', async ({ page }) => {
  await signIn(page, SEEDED.planner)
  await page.goto('/ui/plans')
  const form = page.getByRole('form', { name: 'Create a plan' })
  await form.getByLabel('Ready input set').selectOption(`${DIFF_SETS.planning}@1`)
  await form.getByRole('button', { name: 'Create plan' }).click()
  await expect(page).toHaveURL(/\/ui\/plans\/\d+$/)
  const card = page.getByRole('region', { name: 'Input set' })
  await expect(card).toContainText(DIFF_SETS.planning)
  await expect(card.locator('.pill')).toHaveText('ready')
  await expect(page.getByRole('figure', { name: 'Plan chart' }).locator('.recharts-surface').first()).toBeVisible()
  const table = page.getByRole('table', { name: 'Plan by period' })
  await expect(table.getByRole('row').filter({ hasText: '2025-01' })).toBeVisible()
  await expect(table.getByRole('row').filter({ hasText: '2025-12' })).toBeVisible()
  await snap(page, 'plans-03-reference-bundle')
})
