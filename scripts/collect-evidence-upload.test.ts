// collect_input_set_evidence --upload: the evidence of one label is collected from a real server
// (events and a Chromium screenshot of the History tab) and sent to a real S3-compatible store
// (s3rver, started here) under the same path below the evidence folder, with its SHA-256; run
// again, unchanged files are skipped (docs/operations.md, "Evidence off the machine").
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { createUser } from '../lib/auth/users'
import { cliActor } from '../lib/input-sets/actor'
import { cliAwait } from '../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../test/helpers/database'
import { REFERENCE, tempDir } from '../test/helpers/fixtures'
import { importDir } from '../test/helpers/input-sets'
import { startS3Store } from '../test/helpers/s3-store'
import { startServer } from '../test/helpers/server'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const store = await startS3Store()
await store.createBucket('evidence-test')
await importDir(REFERENCE.planning, 'ev-up')
const PASSWORD = 'evidence viewer password 7'
await createUser({ email: 'auditor@example.test', role: 'viewer', password: PASSWORD }, cliActor('test-setup'))
const server = await startServer()

test(`${on} --upload sends events.json and history.png to s3://bucket/prefix/input_sets/<label>/<date>/, then skips them when unchanged`, async () => {
  const out = tempDir('evidence-')
  const env = { ...store.env, EVIDENCE_EMAIL: 'auditor@example.test', EVIDENCE_PASSWORD: PASSWORD }
  const args = ['--label', 'ev-up', '--date', '20260105', '--base-url', server.url, '--out', out, '--upload', 's3://evidence-test/weekly']
  const r = await cliAwait('collect_input_set_evidence', args, env)
  assert.equal(r.code, 0, r.stderr)
  const dir = path.join(out, 'input_sets/ev-up/20260105')
  const lines = r.stdout.trim().split('\n')
  const sha = (file: string) =>
    createHash('sha256')
      .update(fs.readFileSync(path.join(dir, file)))
      .digest('hex')
  assert.deepEqual(lines.slice(0, 2), [path.join(dir, 'events.json'), path.join(dir, 'history.png')])
  for (const [i, file] of ['events.json', 'history.png'].entries()) {
    assert.match(
      lines[2 + i],
      new RegExp(`^sent {5}s3://evidence-test/weekly/input_sets/ev-up/20260105/${file.replace('.', '\\.')} {2}\\d+ bytes {2}sha256 ${sha(file)}$`),
    )
    const stored = await store.getObject('evidence-test', `weekly/input_sets/ev-up/20260105/${file}`)
    assert.deepEqual([stored.body, stored.sha256], [fs.readFileSync(path.join(dir, file)), sha(file)])
  }
  assert.match(lines[4], /^2 sent \(\d+ bytes\), 0 skipped \(SHA-256 already matches\), to s3:\/\/evidence-test\/weekly\/$/)

  const again = await cliAwait('collect_input_set_evidence', args, env)
  assert.equal(again.code, 0, again.stderr)
  assert.match(
    again.stdout,
    /^skipped {2}s3:\/\/evidence-test\/weekly\/input_sets\/ev-up\/20260105\/events\.json {2}sha256 already matches$/m,
    'the same events, not sent again',
  )
})

test(`${on} a bad --upload URL is refused (exit 2) before the browser starts`, async () => {
  const r = await cliAwait('collect_input_set_evidence', ['--label', 'ev-up', '--upload', 's3://B/x'], { EVIDENCE_EMAIL: 'a@b.c', EVIDENCE_PASSWORD: 'x' })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /--upload must be s3:\/\/bucket\/prefix/)
})
