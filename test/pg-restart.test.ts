// PostgreSQL restarted while the app runs (docs/operations.md, "Health"): while the database is
// down, requests fail cleanly (503 database_unavailable, JSON, no stack) and health says so; once
// it is back, the same server answers reads and writes again without a restart. Uses a cluster of
// its own, so stopping it disturbs no other test.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { ThrowawayPostgres } from '../scripts/dev/throwaway-postgres'
import { bearer, call, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, validFiles } from './helpers/bundles'
import { dbLabel } from './helpers/database'
import { startServer, type TestServer } from './helpers/server'
import { applyMigrations } from '../lib/db/migrations'
import { getSql } from '../lib/db/sql'
import { resetEnvCache } from '../lib/env'
import { cliActor } from '../lib/input-sets/actor'

const skip = dbLabel() === 'postgres' ? false : 'PostgreSQL only: restarts a PostgreSQL server'

async function untilStatus(server: TestServer, path: string, headers: Record<string, string>, status: number, seconds: number) {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const reply = await call(server, 'GET', path, { headers })
    if (reply.status === status || Date.now() > deadline) return reply
    await new Promise((r) => setTimeout(r, 250))
  }
}

test(`[${dbLabel()}] requests fail cleanly while PostgreSQL is down and recover when it is back`, { skip }, async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-restart-'))
  const cluster = new ThrowawayPostgres(scratch)
  // One hook, in this order: the server must be stopped before its folder is removed.
  after(() => {
    cluster.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  })
  process.env.DATABASE_URL = await cluster.start()
  resetEnvCache()
  await applyMigrations()
  await runImport(memoryBundle(validFiles()), { label: 'steady', actor: cliActor('planner') })
  const users = await usersWithTokens()
  await getSql().close()
  const server = await startServer()
  const viewer = bearer(users.viewer.token)
  const approver = bearer(users.approver.token)
  assert.equal((await call(server, 'GET', '/api/plans/input_sets', { headers: viewer })).status, 200)

  cluster.stopServer()
  const down = await untilStatus(server, '/api/plans/input_sets', viewer, 503, 10)
  assert.equal(down.status, 503, JSON.stringify(down.body))
  assert.equal(down.body.error.code, 'database_unavailable')
  assert.ok(down.headers.get('retry-after'))
  assert.doesNotMatch(JSON.stringify(down.body), /at .*\.(js|ts):\d+/, 'no stack trace')
  assert.equal((await call(server, 'GET', '/api/health')).status, 503)

  assert.ok(cluster.startServer().ok, cluster.log())
  const back = await untilStatus(server, '/api/plans/input_sets', viewer, 200, 20)
  assert.equal(back.status, 200, JSON.stringify(back.body))
  const review = await call(server, 'POST', '/api/plans/input_sets/steady@1/review', { headers: approver, json: { action: 'approve', comment: 'after restart' } })
  assert.equal(review.status, 200, JSON.stringify(review.body))
})
