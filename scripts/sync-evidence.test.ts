// sync_evidence against a real S3-compatible store (s3rver, started here): one object per file of
// the evidence tree, SHA-256 kept as object metadata and compared before each upload, one line per
// object sent or skipped and a summary; a store that refuses exits as docs/cli.md says.
import { PutObjectCommand } from '@aws-sdk/client-s3'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import type { UploadSummary } from '../lib/evidence-upload'
import { cliAwait } from '../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../test/helpers/database'
import { tempDir } from '../test/helpers/fixtures'
import { startS3Store } from '../test/helpers/s3-store'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const store = await startS3Store()
const bucket = 'evidence-test'
await store.createBucket(bucket)

const root = tempDir('evidence-tree-')
const write = (rel: string, data: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), data)
}
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const sync = (...extra: string[]) => cliAwait('sync_evidence', ['--from', root, '--to', `s3://${bucket}/weekly/`, ...extra], store.env)
const lines = (stdout: string) => stdout.trim().split('\n')

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
write('input_sets/fy26-a/20260105/events.json', '{"events":[1]}\n')
write('input_sets/fy26-a/20260105/history.png', PNG)
write('input_sets/fy26-b/20260105/events.json', '{"events":[2]}\n')
write('input_sets/fy26-b/20260105/events.json.123.tmp', 'half written')

test(`${on} the first sync sends every file (not half-written .tmp ones) with its SHA-256 as metadata and prints one line each and a summary`, async () => {
  const r = await sync()
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(lines(r.stdout), [
    `sent     s3://${bucket}/weekly/input_sets/fy26-a/20260105/events.json  15 bytes  sha256 ${sha256('{"events":[1]}\n')}`,
    `sent     s3://${bucket}/weekly/input_sets/fy26-a/20260105/history.png  11 bytes  sha256 ${sha256(PNG)}`,
    `sent     s3://${bucket}/weekly/input_sets/fy26-b/20260105/events.json  15 bytes  sha256 ${sha256('{"events":[2]}\n')}`,
    `3 sent (41 bytes), 0 skipped (SHA-256 already matches), to s3://${bucket}/weekly/`,
  ])
  const png = await store.getObject(bucket, 'weekly/input_sets/fy26-a/20260105/history.png')
  assert.deepEqual([png.body, png.sha256], [PNG, sha256(PNG)])
})

test(`${on} a second sync skips every object whose SHA-256 matches; a changed or new file is sent, and so is an object changed in the store`, async () => {
  const again = await sync()
  assert.equal(again.code, 0, again.stderr)
  assert.equal(lines(again.stdout).filter((l) => l.startsWith('skipped  ')).length, 3)
  assert.equal(lines(again.stdout).at(-1), `0 sent (0 bytes), 3 skipped (SHA-256 already matches), to s3://${bucket}/weekly/`)

  write('input_sets/fy26-a/20260105/events.json', '{"events":[1,3]}\n')
  write('input_sets/fy26-c/20260112/events.json', '{"events":[]}\n')
  // Someone replaced an object in the store by hand: its SHA-256 no longer matches the file's.
  await store.client.send(new PutObjectCommand({ Bucket: bucket, Key: 'weekly/input_sets/fy26-b/20260105/events.json', Body: 'tampered' }))
  const r = await sync('--json')
  assert.equal(r.code, 0, r.stderr)
  const body = JSON.parse(r.stdout) as UploadSummary
  assert.deepEqual(
    body.objects.map((o) => [o.file, o.action]),
    [
      ['input_sets/fy26-a/20260105/events.json', 'sent'],
      ['input_sets/fy26-a/20260105/history.png', 'skipped'],
      ['input_sets/fy26-b/20260105/events.json', 'sent'],
      ['input_sets/fy26-c/20260112/events.json', 'sent'],
    ],
  )
  assert.deepEqual([body.sent, body.skipped, body.target], [3, 1, `s3://${bucket}/weekly/`])
  assert.equal((await store.getObject(bucket, 'weekly/input_sets/fy26-b/20260105/events.json')).body.toString(), '{"events":[2]}\n')
  assert.equal((await store.getObject(bucket, 'weekly/input_sets/fy26-a/20260105/events.json')).body.toString(), '{"events":[1,3]}\n')
})

test(`${on} refusals: a bad URL exits 2, a missing bucket or folder 4, an unknown access key 3, each with one line naming it`, async () => {
  const bad = await cliAwait('sync_evidence', ['--from', root, '--to', 'https://example.com/x'], store.env)
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /--to must be s3:\/\/bucket\/prefix/)
  const noBucket = await cliAwait('sync_evidence', ['--from', root, '--to', 's3://no-such-bucket/x'], store.env)
  assert.equal(noBucket.code, 4, noBucket.stderr)
  assert.match(noBucket.stderr, /error: Bucket 'no-such-bucket' does not exist\./)
  const noFolder = await cliAwait('sync_evidence', ['--from', path.join(root, 'nope'), '--to', `s3://${bucket}/x`], store.env)
  assert.equal(noFolder.code, 4)
  assert.match(noFolder.stderr, /Evidence folder '.*nope' does not exist/)
  const denied = await cliAwait('sync_evidence', ['--from', root, '--to', `s3://${bucket}/x`], { ...store.env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' })
  assert.equal(denied.code, 3, denied.stderr)
  assert.match(denied.stderr, /The store refused access to s3:\/\/evidence-test\/x\/ \(\w+\): check the AWS credentials\./)
  for (const r of [bad, noBucket, noFolder, denied]) assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`)
})
