// Every case of the hostile corpus (scripts/dev/generate-corpus.ts) as a REST upload to a real
// `next start`: the expected status (201, 422 with the report naming file/row/column, 400/413
// for bad requests), never a 500 or a stack trace, nothing written when refused, and bounded
// time per request and peak server memory over the whole run, whatever the size of the long line.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { corpusCases, corpusOptions, type CorpusCase } from '../../scripts/dev/generate-corpus'
import type { Issue } from '../../lib/input-sets/bundle/report'
import { bearer, uploadForm, usersWithTokens } from '../helpers/api'
import { ensureConfigVersion, tableCounts } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'
import { assertIssues, assertNoStackTrace, assertRowsAccepted, MAX_RSS_BYTES, MAX_SECONDS, peakRssOfListener, printFigures, summary, type Figure } from './outcome'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const options = corpusOptions()
const server = await startServer({ MAX_FILE_BYTES: String(options.maxFileBytes), MAX_ROWS_PER_FILE: String(options.maxRowsPerFile) })
const editor = bearer((await usersWithTokens()).editor.token)
await ensureConfigVersion(1)
const figures: Figure[] = []
// Uploads are spooled to disk and imported from there, so the server's memory does not grow with
// the long line: the same bound as one CLI import.
const SERVER_RSS_BOUND = MAX_RSS_BYTES

function upload(c: CorpusCase): FormData {
  const files = c.bundle.kind === 'zip' ? { 'bundle.zip': c.bundle.data } : c.bundle.files
  return uploadForm({ label: c.label ?? `c-${c.name}`, config_version_id: '1' }, files)
}

after(() => printFigures(`corpus through REST ${on} (request time; server peak RSS):`, figures))

for (const c of corpusCases(options)) {
  const e = c.rest ?? c.expect
  test(`${on} REST ${c.name} (${c.description}) → ${summary(e, true)}`, async () => {
    const before = await tableCounts()
    const started = process.hrtime.bigint()
    const res = await server.fetch('/api/plans/input_sets', { method: 'POST', headers: editor, body: upload(c) })
    const text = await res.text()
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    figures.push({ name: c.name, seconds })
    assert.notEqual(res.status, 500, text)
    assertNoStackTrace(text)
    const body = JSON.parse(text)
    if (e.outcome === 'accepted') {
      assert.equal(res.status, 201, text)
      assertIssues(body.report.issues as Issue[], 'warning', e.warnings)
      assertRowsAccepted(body.report, e.rowsAccepted)
    } else if (e.outcome === 'refused') {
      assert.equal(res.status, e.status ?? 400, text)
      assert.equal(body.error.code, e.code, text)
    } else {
      assert.equal(res.status, 422, text)
      assert.equal(body.error.code, 'validation_failed')
      const issues = body.error.details.report.issues as Issue[]
      assertIssues(issues, 'error', e.errors)
      assertIssues(issues, 'warning', e.warnings)
    }
    if (e.outcome !== 'accepted') assert.deepEqual(await tableCounts(), before, 'a refused upload wrote rows')
    assert.ok(seconds < MAX_SECONDS, `took ${seconds.toFixed(1)} s`)
  })
}

test(`${on} REST the server's peak memory over the whole corpus stays bounded`, () => {
  const peak = peakRssOfListener(Number(new URL(server.url).port))
  assert.ok(peak !== undefined, 'the server process was not found')
  figures.push({ name: '(server, peak over the run)', seconds: 0, rssBytes: peak })
  assert.ok(peak < SERVER_RSS_BOUND, `server peak RSS ${peak} bytes`)
})
