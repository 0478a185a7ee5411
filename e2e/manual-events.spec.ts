// A manual event in the portal: the seeded set has no events (it came in before the audit trail),
// an operator appends a note with log_planning_input_set_event as the runbook says, and the
// History tab lists it with a visible "manual" marker; the set's status is unchanged.
import { spawnSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { INPUT_SETS, snap } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

const { label } = SEEDED.inputSet

test('a note logged with log_planning_input_set_event shows in History marked manual; the status stays ready', async ({ page }) => {
  const history = page.getByRole('table', { name: 'History' })
  await signIn(page, SEEDED.viewer)
  await page.goto(`${INPUT_SETS}/${label}?tab=history`)
  await expect(page.getByText('No events recorded for this input set.')).toBeVisible()

  const logged = spawnSync(
    'node_modules/.bin/tsx',
    ['scripts/log_planning_input_set_event.ts', '--label', label, '--action', 'note', '--actor', 'lead', '--comment', 'OPS-12 set predates the audit trail'],
    { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '' }, encoding: 'utf8' },
  )
  expect(logged.status, logged.stderr).toBe(0)

  await page.reload()
  const row = history.getByRole('row').filter({ hasText: 'OPS-12 set predates the audit trail' })
  await expect(row).toContainText('note')
  // --actor names a real approver (docs/cli.md, "Who acts"); events name users by email.
  await expect(row).toContainText(SEEDED.lead.email)
  const marker = row.getByText('manual', { exact: true })
  await expect(marker).toBeVisible()
  await expect(marker).toHaveAttribute('title', /changed no status/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(SEEDED.inputSet.status)
  await snap(page, 'manual-event-history')
})
