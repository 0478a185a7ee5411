// Shared by the upload and review specs: where the bundles are, full-page screenshots of
// every page a spec visits, and reading the portal's JST times.
import path from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { bundleFiles } from './bundles'

const SCREENSHOTS = 'test-results/screenshots'

export const INPUT_SETS = '/ui/plans/input_sets'

export function bundlesRoot(): string {
  const root = process.env.E2E_BUNDLES
  if (!root) throw new Error('E2E_BUNDLES is not set: run the browser specs through e2e/run-e2e.ts')
  return root
}

export function bundle(name: string): string[] {
  return bundleFiles(bundlesRoot(), name)
}

export function bundlePath(name: string): string {
  return path.join(bundlesRoot(), name)
}

/** A full-page screenshot (the viewport is 1280×800) kept as a test artifact. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
}

/** `2026-01-02 12:04 JST` in a locator's text → the instant it names. */
async function jstTimeIn(locator: Locator): Promise<Date> {
  const text = (await locator.textContent()) ?? ''
  const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) JST/.exec(text)
  expect(m, `a JST time in "${text}"`).not.toBeNull()
  const [, y, mo, d, h, mi] = m!.map(Number)
  return new Date(Date.UTC(y, mo - 1, d, h - 9, mi))
}

/** Asserts a displayed JST time names (to the minute) an instant within the last few minutes. */
export async function expectRecentJst(locator: Locator, since: Date): Promise<void> {
  const shown = await jstTimeIn(locator)
  const floor = new Date(since.getTime() - 60_000)
  expect(shown.getTime(), `${shown.toISOString()} is not after ${floor.toISOString()}`).toBeGreaterThanOrEqual(floor.getTime())
  expect(shown.getTime()).toBeLessThanOrEqual(Date.now())
}
