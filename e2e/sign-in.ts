// Signs the seeded viewer in through the real sign-in page.
import { expect, type Page } from '@playwright/test'
import { SEEDED } from './seed-data'

export async function signIn(page: Page): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Email').fill(SEEDED.viewer.email)
  await page.getByLabel('Password').fill(SEEDED.viewer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/ui\/plans\/input_sets/)
}
