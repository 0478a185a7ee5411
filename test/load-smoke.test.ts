// The load benchmark's endpoints under concurrent clients, at a size that fits CI: every
// request of 20 connections over 2 s per endpoint answers 2xx (no lock errors, no pool
// exhaustion, no 500 under contention). Latency targets are measured by `npm run bench:load`.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { measureEndpoint } from '../bench/load-measure'
import { bearer, usersWithTokens } from './helpers/api'
import { memoryBundle, runImport, tempDir, validFiles, csv } from './helpers/bundles'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { startServer } from './helpers/server'
import { cliActor } from '../lib/input-sets/actor'
import { reviewInputSet } from '../lib/input-sets/verbs/review'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer({ DIFF_CACHE_DIR: tempDir('load-diff-cache-') })
const headers = bearer((await usersWithTokens()).viewer.token)
await runImport(memoryBundle(validFiles()), { label: 'busy', actor: cliActor('planner') })
await reviewInputSet({ ref: 'busy', action: 'approve', actor: cliActor('reviewer'), comment: 'ok' })
await runImport(memoryBundle({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,101') }), { label: 'busy', actor: cliActor('planner') })

const DIFF = '/api/plans/input_sets/busy@draft/diff?against=busy'

test(`${on} list, detail, events and the cached diff answer every request under 20 concurrent clients`, async () => {
  for (let i = 0; (await server.fetch(DIFF, { headers })).status !== 200; i++) {
    assert.ok(i < 100, 'diff report not ready')
    await new Promise((r) => setTimeout(r, 100))
  }
  for (const path of ['/api/plans/input_sets', '/api/plans/input_sets/busy', '/api/plans/input_sets/busy/events?limit=100', DIFF]) {
    const r = await measureEndpoint(server.url, path, { connections: 20, durationSeconds: 2, headers })
    console.log(`${on} ${path}: ${r.requests} requests, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, errors ${r.errors}`)
    assert.ok(r.requests > 0, path)
    assert.equal(r.errors, 0, path)
  }
})
