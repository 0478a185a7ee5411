// Every kind of portal page, with the data that makes each one show what it can (a draft under
// review with changes, a diff report, a plan with short items, runs with warning cards), for the
// specs that check all pages alike: no horizontal scroll on a phone, no serious accessibility issue.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { BUNDLES } from './bundles'
import { cli } from './cli'
import { DIFF_SETS } from './diff-seed'
import { bundlePath, INPUT_SETS } from './portal'
import { SEEDED } from './seed-data'
import { signIn } from './sign-in'

export type PortalPage = { name: string; path: string; signedOut?: boolean; ready?: (page: Page) => Promise<void> }

async function created(page: Page, url: string, data: unknown, key: 'plan' | 'run'): Promise<number> {
  const res = await page.request.post(url, { data })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as Record<string, { id: number }>)[key].id
}

/** A diff report is made by a background job; the page refreshes by itself until it is there. */
async function diffReport(page: Page): Promise<void> {
  await expect(page.getByRole('table', { name: 'Changes per section' })).toBeVisible({ timeout: 30_000 })
}

/**
 * Makes config version `configVersion` and in it `label` (the reference bundle, approved, with a
 * one-file update waiting for review), a plan of it, a run of that plan, a legacy run and a run
 * whose input set was archived; returns every page to visit. A config version of their own keeps
 * these sets out of other specs' defaults (the diff page's newest ready set of version 1). `page`
 * must be signed in as an editor or approver.
 */
export async function preparePortalPages(page: Page, label: string, configVersion: number): Promise<PortalPage[]> {
  const gone = `${label}-gone`
  const version = String(configVersion)
  cli('create_config_version', '--id', version, '--name', `e2e ${label}`)
  cli('import_planning_inputs', '-i', bundlePath(BUNDLES.reference), '--version-id', version, '--label', label, '--actor', 'planner')
  cli('review_planning_input_set', '--label', label, '--action', 'approve', '--actor', 'lead')
  cli('import_planning_inputs', '-i', bundlePath(BUNDLES.demandUpdate), '--version-id', version, '--label', label, '--actor', 'planner')
  cli('import_planning_inputs', '-i', bundlePath(BUNDLES.reference), '--version-id', version, '--label', gone, '--actor', 'planner')
  cli('review_planning_input_set', '--label', gone, '--action', 'approve', '--actor', 'lead')

  const plan = await created(page, '/api/plans', { input_set_label: label, config_version_id: configVersion }, 'plan')
  const run = await created(page, '/api/runs', { plan_id: plan }, 'run')
  const legacy = await created(page, '/api/runs', { allow_legacy: true, legacy_reason: 'e2e: a job older than input sets' }, 'run')
  const missing = await created(page, '/api/runs', { input_set_label: gone, config_version_id: configVersion }, 'run')
  cli('review_planning_input_set', '--label', gone, '--action', 'archive', '--actor', 'lead', '--comment', 'e2e: retired', '--force', '--reason', 'e2e: retired')

  const set = `${INPUT_SETS}/${label}`
  return [
    { name: 'login', path: '/login', signedOut: true },
    { name: 'list', path: INPUT_SETS },
    { name: 'detail-overview', path: set },
    { name: 'detail-overview-draft', path: `${set}%40draft` },
    { name: 'detail-history', path: `${set}?tab=history` },
    { name: 'review', path: `${set}/review` },
    { name: 'diff', path: `${INPUT_SETS}/${DIFF_SETS.craftedNext}/diff?against=${DIFF_SETS.craftedBase}`, ready: diffReport },
    { name: 'upload', path: `${INPUT_SETS}/upload` },
    { name: 'plans', path: '/ui/plans' },
    { name: 'plan', path: `/ui/plans/${plan}` },
    { name: 'runs', path: '/ui/runs' },
    { name: 'run', path: `/ui/runs/${run}` },
    { name: 'run-legacy', path: `/ui/runs/${legacy}` },
    { name: 'run-missing', path: `/ui/runs/${missing}` },
  ]
}

/**
 * For a spec that visits every portal page: prepares them once, signed in as the lead, before the
 * spec's tests (`preparePortalPages`); the getter returns them once that has run.
 */
export function usePortalPages(label: string, configVersion: number): () => PortalPage[] {
  let pages: PortalPage[] = []
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000)
    const page = await browser.newPage()
    await signIn(page, SEEDED.lead)
    pages = await preparePortalPages(page, label, configVersion)
    await page.close()
  })
  return () => pages
}

/** Opens `p` as its users see it (signed out for the login page, the lead otherwise) and waits until it has drawn. */
export async function openPortalPage(page: Page, context: BrowserContext, p: PortalPage): Promise<void> {
  if (p.signedOut) await context.clearCookies()
  else if (!(await context.cookies()).some((c) => c.name.includes('session-token'))) await signIn(page, SEEDED.lead)
  await page.goto(p.path)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await p.ready?.(page)
}
