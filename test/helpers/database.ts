// Gives each test file its own migrated database, so files never see each other's rows and can
// run in any order. TEST_DB=postgres (set by scripts/dev/run-tests.ts) selects a fresh database on
// the throwaway server at TEST_PG_ADMIN_URL; otherwise a fresh SQLite file in the temp folder.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import pg from 'pg'
import { applyMigrations, type ApplyOptions } from '../../lib/db/migrations'
import { getSql } from '../../lib/db/sql'
import { resetEnvCache } from '../../lib/env'
import { isDatabaseFree } from './database-free'

export type TestDatabase = { kind: 'sqlite' | 'postgres'; url: string }

/** 'sqlite' | 'postgres', for test names: the same file runs once per database. */
export function dbLabel(): TestDatabase['kind'] {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite'
}

let dropCurrent: (() => Promise<void>) | undefined
let hookRegistered = false

/** Closes the driver and removes the database. Registered with after(). */
export async function releaseDatabase(): Promise<void> {
  await getSql().close()
  const drop = dropCurrent
  dropCurrent = undefined
  await drop?.()
}

async function createPgDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL
  if (!adminUrl) throw new Error('TEST_DB=postgres needs TEST_PG_ADMIN_URL (npm test sets both)')
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  dropCurrent = async () => {
    const again = new pg.Client({ connectionString: adminUrl })
    await again.connect()
    try {
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    } finally {
      await again.end()
    }
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

function createSqliteFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-test-'))
  dropCurrent = async () => fs.rmSync(dir, { recursive: true, force: true })
  return `file:${path.join(dir, 'test.db')}`
}

/**
 * Call at the top of a test file, before anything uses getDb()/getSql(): points DATABASE_URL at
 * a new, fully migrated database (or migrated `until` an older migration) and removes it after
 * the file's tests.
 */
export async function useFreshDatabase(options: Pick<ApplyOptions, 'until'> = {}): Promise<TestDatabase> {
  // node:test runs each file as its own process, the file being the entry script.
  const testFile = process.argv[1]
  if (testFile && fs.existsSync(testFile) && isDatabaseFree(testFile)) throw new Error(`${testFile} says it is database-free, yet asks for a database`)
  // A second call in one file replaces the first database; close its connections first.
  if (dropCurrent) await releaseDatabase()
  if (!hookRegistered) {
    after(releaseDatabase)
    hookRegistered = true
  }
  const kind = dbLabel()
  const url = kind === 'postgres' ? await createPgDatabase() : createSqliteFile()
  process.env.DATABASE_URL = url
  resetEnvCache()
  await applyMigrations(options)
  return { kind, url }
}
