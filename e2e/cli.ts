// A CLI against the e2e server's database, as an operator runs it from the repository root.
import { spawnSync } from 'node:child_process'
import { expect } from '@playwright/test'

export function cli(script: string, ...args: string[]): void {
  const r = spawnSync('node_modules/.bin/tsx', [`scripts/${script}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '' },
    encoding: 'utf8',
  })
  expect(r.status, `${script}: ${r.stderr}`).toBe(0)
}
