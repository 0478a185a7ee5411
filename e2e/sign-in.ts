// Signs a seeded user (the viewer unless told) in through the real sign-in page.
import { expect, type Page } from '@playwright/test'
import { SEEDED } from './seed-data'

export type SeededUser = { email: string; password: string }

export async function signIn(page: Page, user: SeededUser = SEEDED.viewer): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/ui\/plans\/input_sets/)
}
