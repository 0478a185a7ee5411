// GET /metrics against `next start`: counters incremented inside route handlers (uploads,
// reviews, request durations) show up in the scrape, with route patterns rather than raw
// paths as labels; with METRICS_TOKEN set, only the bearer of that token or of an API token with
// metrics:read may scrape; without it anyone may, but a token that is sent is judged.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearer, call, revokedToken, tokenFor, unknownToken, uploadForm, usersWithTokens } from '../helpers/api'
import { csv, ensureConfigVersion, validFiles } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer, type TestServer } from '../helpers/server'

const TOKEN = 'metrics-token-0123456789abcdef'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const open = await startServer()
const guarded = await startServer({ METRICS_TOKEN: TOKEN })
const users = await usersWithTokens()
await ensureConfigVersion(1)
const editor = bearer(users.editor.token)

const upload = (fields: Record<string, string>, files: Record<string, string | Buffer>) =>
  call(open, 'POST', '/api/plans/input_sets', { headers: editor, form: uploadForm({ config_version_id: '1', ...fields }, files) })

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await server.fetch('/metrics', { headers })
  return { status: res.status, text: await res.text(), headers: res.headers }
}

/** The value of one sample line, e.g. `input_set_imports_total{result="success"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

test(`${on} /metrics counts uploads and reviews made through the REST API, and request durations by route pattern`, async () => {
  assert.equal((await upload({ label: 'm1' }, validFiles())).status, 201)
  const bad = await upload({ label: 'm-bad' }, { ...validFiles(), 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,x') })
  assert.equal(bad.status, 422)
  assert.equal((await upload({ label: 'm-dry', validate_only: 'true' }, validFiles())).status, 200)
  const approve = await call(open, 'POST', '/api/plans/input_sets/m1/review', { headers: bearer(users.approver.token), json: { action: 'approve' } })
  assert.equal(approve.status, 200, JSON.stringify(approve.body))

  const { status, text, headers } = await scrape(open)
  assert.equal(status, 200)
  assert.match(headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
  assert.equal(headers.get('cache-control'), 'no-store')
  assert.equal(sample(text, 'input_set_reviews_total{action="approve"}'), 1)
  assert.equal(sample(text, 'input_set_reviews_total{action="revert"}'), 0, 'known label values start at 0')
  // The validate-only upload is not an import.
  assert.equal(sample(text, 'input_set_imports_total{result="success"}'), 1)
  assert.equal(sample(text, 'input_set_imports_total{result="invalid"}'), 1)
  assert.equal(sample(text, 'input_set_imports_total{result="failure"}'), 0)
  const review = text.split('\n').filter((l) => l.startsWith('http_request_duration_seconds_count{') && l.includes('route="/api/plans/input_sets/[label]/review"'))
  assert.deepEqual(review, ['http_request_duration_seconds_count{method="POST",route="/api/plans/input_sets/[label]/review",status="2xx"} 1'])
  assert.match(text, /^http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/api\/plans\/input_sets",status="4xx"\} 1$/m)
  assert.doesNotMatch(text, /route="[^"]*m1/, 'no raw label in a route label')
})

test(`${on} /metrics needs no session: Prometheus scrapes it anonymously when METRICS_TOKEN is unset`, async () => {
  const { status, text } = await scrape(open)
  assert.equal(status, 200)
  assert.match(text, /^# TYPE input_set_diff_job_duration_seconds histogram$/m)
})

test(`${on} with METRICS_TOKEN set, /metrics answers 401 without the bearer token or with another one, 200 with it`, async () => {
  const none = await scrape(guarded)
  assert.equal(none.status, 401)
  assert.equal(none.headers.get('www-authenticate'), 'Bearer')
  assert.doesNotMatch(none.text, /input_set_/)
  assert.equal((await scrape(guarded, bearer(`${TOKEN}x`))).status, 401)
  const ok = await scrape(guarded, bearer(TOKEN))
  assert.equal(ok.status, 200)
  assert.match(ok.text, /^input_set_imports_total\{result="success"\} 0$/m)
})

test(`${on} an API token with metrics:read may scrape, with or without METRICS_TOKEN; one without it gets 403, a bad one 401`, async () => {
  const reader = await tokenFor(users.viewer.email, ['metrics:read'])
  const noScope = await tokenFor(users.admin.email, ['input_sets:read'])
  for (const server of [guarded, open]) {
    const ok = await scrape(server, bearer(reader))
    assert.equal(ok.status, 200)
    assert.match(ok.text, /^# TYPE input_set_imports_total counter$/m)

    const forbidden = await scrape(server, bearer(noScope))
    assert.equal(forbidden.status, 403)
    assert.equal(JSON.parse(forbidden.text).error.code, 'forbidden')
    assert.match(JSON.parse(forbidden.text).error.message, /metrics:read/)
    assert.doesNotMatch(forbidden.text, /input_set_/)

    for (const bad of [unknownToken(), await revokedToken(users.viewer.email), 'not a token']) {
      const refused = await scrape(server, { authorization: `Bearer ${bad}` })
      assert.equal(refused.status, 401, bad)
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer')
      assert.equal(JSON.parse(refused.text).error.code, 'unauthorized')
    }
  }
})
