// A server killed (SIGKILL) while it runs a diff job: the job stays `running` with no report
// written; after a restart the sweep re-queues it once its timeout has passed and finishes
// it (attempt 2), and the report is served.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'node:test'
import { bearer, call, usersWithTokens } from './helpers/api'
import { cli } from './helpers/cli'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { tempDir } from './helpers/fixtures'
import { count } from './helpers/input-sets'
import { startServer } from './helpers/server'

await useFreshDatabase()
const on = `[${dbLabel()}]`
// Enough rows that the job runs for a while (about a second at 400,000): the test must catch it running to kill it.
const ROWS = 400_000

function bigBundle(shift: number): string {
  const dir = tempDir('big-diff-')
  const lines = ['family,period,demand']
  for (let i = 0; i < ROWS; i++) lines.push(`F${Math.floor(i / 100)},P${i % 100},${(i % 997) + (i % 50 === 0 ? shift : 0)}`)
  fs.writeFileSync(path.join(dir, 'demand_family.csv'), `${lines.join('\n')}\n`)
  return dir
}

test(`${on} SIGKILL during a diff job: re-queued after restart and finished, report served`, async () => {
  assert.equal(cli('create_config_version', ['--id', '1', '--name', 'base']).code, 0)
  for (const [label, shift] of [
    ['before', 0],
    ['after', 7],
  ] as const) {
    const r = cli('import_planning_inputs', ['-i', bigBundle(shift), '--version-id', '1', '--label', label])
    assert.equal(r.code, 0, r.stderr)
  }
  const viewer = bearer((await usersWithTokens()).viewer.token)
  const env = { DIFF_CACHE_DIR: tempDir('crash-diff-cache-'), DIFF_SWEEP_SECONDS: '1', DIFF_JOB_TIMEOUT_SECONDS: '2' }
  const first = await startServer(env)
  const queued = await call(first, 'GET', '/api/plans/input_sets/after/diff?against=before', { headers: viewer })
  assert.equal(queued.status, 202)
  const deadline = Date.now() + 30_000
  while ((await count(`SELECT COUNT(*) AS n FROM diff_job WHERE status = 'running'`)) === 0) {
    assert.ok(Date.now() < deadline, 'the job never started')
    await sleep(10)
  }
  await first.kill('SIGKILL')
  assert.equal(await count(`SELECT COUNT(*) AS n FROM diff_job WHERE status = 'running'`), 1, 'left running by the dead worker')
  assert.deepEqual(fs.readdirSync(env.DIFF_CACHE_DIR), [], 'no report, not even a partial one')

  const second = await startServer(env)
  const until = Date.now() + 60_000
  let reply = await call(second, 'GET', '/api/plans/input_sets/after/diff?against=before', { headers: viewer })
  while (reply.status === 202) {
    assert.ok(Date.now() < until, 'the job was not finished after the restart')
    await sleep(250)
    reply = await call(second, 'GET', '/api/plans/input_sets/after/diff?against=before', { headers: viewer })
  }
  assert.equal(reply.status, 200, JSON.stringify(reply.body))
  assert.equal(reply.body.diff_job_id, queued.body.diff_job_id)
  assert.equal(reply.body.summary.sections.demand_family.changed, ROWS / 50)
  assert.equal(await count(`SELECT COUNT(*) AS n FROM diff_job WHERE id = ? AND attempts = 2 AND status = 'succeeded'`, [queued.body.diff_job_id]), 1)
})
