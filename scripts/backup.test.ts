// backup_database: an online copy of the SQLite database that opens as a working database
// with the same revisions and hashes; refuses to overwrite; PostgreSQL is pointed to pg_dump.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { cli } from '../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../test/helpers/database'
import { tempDir } from '../test/helpers/fixtures'
import { memoryBundle, runImport, validFiles } from '../test/helpers/bundles'
import { cliActor } from '../lib/input-sets/actor'

const db = await useFreshDatabase()
const on = `[${dbLabel()}]`

test(`${on} backup_database copies the SQLite database (online) or points PostgreSQL users to pg_dump`, async () => {
  const report = await runImport(memoryBundle(validFiles()), { label: 'kept', actor: cliActor('planner') })
  const out = path.join(tempDir('backup-'), 'copy.db')
  const r = cli('backup_database', ['--out', out])
  if (db.kind === 'postgres') {
    assert.equal(r.code, 2)
    assert.match(r.stderr, /pg_dump/)
    return
  }
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Backed up \d+ pages/)
  const copy = new Database(out, { readonly: true })
  try {
    const row = copy.prepare(`SELECT r.content_hash FROM input_set_revision r JOIN input_set s ON s.id = r.input_set_id WHERE s.label = 'kept'`).get() as {
      content_hash: string
    }
    assert.equal(row.content_hash, report.content_hash)
    assert.equal((copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok')
  } finally {
    copy.close()
  }
  const again = cli('backup_database', ['--out', out])
  assert.equal(again.code, 3, 'an existing file is never overwritten')
})
