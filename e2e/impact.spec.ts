// Before deciding, an approver sees what approving a draft does to the plan: the review page's
// "Impact on the plan" panel with its headline, the utilisation chart, the per-period table and
// the items the draft makes short. The draft's capacity is tight enough to carry backlog.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { impactDraftFiles } from '../test/helpers/impact'
import { planFiles } from '../test/helpers/plans'
import { cli } from './cli'
import { INPUT_SETS } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const LABEL = 'impact-tight'

function bundleDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-impact-'))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  return dir
}

test.beforeAll(() => {
  cli('import_planning_inputs', '-i', bundleDir(planFiles()), '--version-id', '1', '--label', LABEL, '--actor', 'planner')
  cli('review_planning_input_set', '--label', LABEL, '--action', 'approve', '--actor', 'lead')
  cli('import_planning_inputs', '-i', bundleDir(impactDraftFiles()), '--version-id', '1', '--label', LABEL, '--actor', 'planner')
})

test('an approver opens a draft’s review and sees the impact panel, its chart and the newly short items above the decision', async ({ page }) => {
  await signIn(page, SEEDED.lead)
  await page.goto(`${INPUT_SETS}/${LABEL}/review`)
  const panel = page.getByRole('region', { name: 'Impact on the plan' })
  // The job runs after the first response; the panel refreshes itself until the report is there.
  await expect(panel.getByText(/^Approving this draft /)).toBeVisible({ timeout: 30_000 })
  await expect(panel.getByText(/carries [\d,.]+ units of backlog to the end of the horizon/)).toBeVisible()
  await expect(panel.getByRole('figure', { name: /Utilisation per period/ }).getByRole('application')).toBeVisible()
  await expect(panel.getByRole('table', { name: 'Plan per period' }).getByRole('rowheader', { name: /2025-04 \(this revision only\)/ })).toBeVisible()
  const newly = panel.getByRole('table', { name: 'Newly short items' })
  await expect(newly.getByRole('rowheader')).not.toHaveCount(0)
  // The panel comes before the decision.
  const panelTop = (await panel.boundingBox())!.y
  const decisionTop = (await page.getByRole('heading', { name: 'Decision' }).boundingBox())!.y
  expect(panelTop).toBeLessThan(decisionTop)
})
