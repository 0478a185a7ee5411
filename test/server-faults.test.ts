// Faults around a running server: killed (SIGKILL) in the middle of a REST upload → no
// partial revision, and the same upload succeeds as revision 1 after a restart; the diff
// cache folder full (a 64 KB tmpfs) → the job fails with ENOSPC and is reported, while the
// diff page and the API keep serving.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, test } from 'node:test'
import { bearer, call, signIn, uploadForm, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, tempDir, validFiles } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { count, ensureConfigVersion } from './helpers/input-sets'
import { startServer } from './helpers/server'
import { writingUncommittedRows } from './helpers/uncommitted-writes'
import { cliActor } from '../lib/input-sets/actor'
import { reviewInputSet } from '../lib/input-sets/verbs/review'

const db = await useFreshDatabase()
const on = `[${dbLabel()}]`
const users = await usersWithTokens()
const editor = bearer(users.editor.token)
const viewer = bearer(users.viewer.token)

function bigDemand(rows: number, shift = 0): string {
  const lines = ['family,period,demand']
  for (let i = 0; i < rows; i++) lines.push(`F${Math.floor(i / 100)},P${i % 100},${(i % 997) + shift}`)
  return `${lines.join('\n')}\n`
}

test(`${on} SIGKILL during a REST upload leaves no revision; the upload succeeds as revision 1 after a restart`, async () => {
  await ensureConfigVersion(1)
  // Big enough that the import is still writing when the kill lands, even on a fast, idle machine.
  const ROWS = 1_000_000
  const files = { 'demand_family.csv': bigDemand(ROWS) }
  // The killed server cannot remove its upload spool folder: keep it out of the machine's temp folder.
  const serverTmp = { TMPDIR: tempDir('faults-tmp-') }
  const first = await startServer(serverTmp)
  const upload = call(first, 'POST', '/api/plans/input_sets', { headers: editor, form: uploadForm({ label: 'killed', config_version_id: '1' }, files) }).catch(
    (err: Error) => err,
  )
  const deadline = Date.now() + 60_000
  while (!(await writingUncommittedRows(db))) {
    assert.ok(Date.now() < deadline, `the upload never started writing: ${JSON.stringify(await Promise.race([upload, sleep(0)]))}`)
    await sleep(20)
  }
  await first.kill('SIGKILL')
  assert.ok((await upload) instanceof Error, 'the client saw the connection drop')
  for (const table of ['input_set', 'input_set_revision', 'audit_event', 'demand_row', 'revision_section']) {
    assert.equal(await count(`SELECT COUNT(*) AS n FROM ${table}`), 0, table)
  }
  const second = await startServer(serverTmp)
  const again = await call(second, 'POST', '/api/plans/input_sets', { headers: editor, form: uploadForm({ label: 'killed', config_version_id: '1' }, files) })
  assert.equal(again.status, 201, JSON.stringify(again.body))
  assert.equal(again.body.input_set.revision, 1)
  assert.equal(await count('SELECT COUNT(*) AS n FROM demand_row'), ROWS)
})

/** A 64 KB tmpfs, unmounted and removed after the file's tests; undefined where mounting is not allowed. */
function mountTinyTmpfs(): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'full-cache-'))
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' })
  after(() => {
    if (r.status === 0) spawnSync('umount', ['-l', dir])
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return r.status === 0 ? dir : undefined
}

test(`${on} a full cache folder: the diff job fails with ENOSPC and is reported; page and API keep serving`, async (t) => {
  const cacheDir = mountTinyTmpfs()
  if (!cacheDir) return t.skip('mounting a tmpfs needs root (CAP_SYS_ADMIN); CI runs as root')
  await runImport(memoryBundle({ ...validFiles(), 'demand_family.csv': bigDemand(5_000) }), { label: 'roomy', actor: cliActor('planner') })
  await reviewInputSet({ ref: 'roomy', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
  // 5,000 changed rows: a report of about a megabyte, far more than the folder holds.
  await runImport(memoryBundle({ 'demand_family.csv': bigDemand(5_000, 1) }), { label: 'roomy', actor: cliActor('planner') })
  const server = await startServer({ DIFF_CACHE_DIR: cacheDir, DIFF_SWEEP_SECONDS: '0' })
  const diffPath = '/api/plans/input_sets/roomy@draft/diff?against=roomy'
  let reply = await call(server, 'GET', diffPath, { headers: viewer })
  for (let i = 0; reply.status === 202 && i < 100; i++) {
    await sleep(100)
    reply = await call(server, 'GET', diffPath, { headers: viewer })
  }
  assert.equal(reply.status, 500)
  assert.equal(reply.body.error.code, 'diff_job_failed')
  assert.match(reply.body.error.message, /ENOSPC|no space left/i)
  assert.match(server.log(), /"event":"input_set_diff_job_failed".*ENOSPC/)
  assert.equal(spawnSync('ls', ['-A', cacheDir], { encoding: 'utf8' }).stdout.trim(), '', 'no temp file left behind')

  const cookie = await signIn(server, users.viewer.email)
  const page = await server.fetch('/ui/plans/input_sets/roomy%40draft/diff?against=roomy', { headers: { cookie } })
  assert.equal(page.status, 200)
  // React separates adjacent text with empty comments; read the text as a browser shows it.
  const html = (await page.text()).replaceAll('<!-- -->', '')
  assert.match(html, /Diff job #\d+ failed/)
  assert.match(html, /Retry/)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets', { headers: viewer })).status, 200)
})
