// Every case of the hostile corpus (scripts/dev/generate-corpus.ts) through the import CLI as a
// real process: the expected exit code and issues (file, row, column), no stack trace, nothing
// written when refused, and bounded peak memory and wall time per case. CORPUS_FULL=1 runs the
// full sizes (a 50 MB line) instead of the CI sizes.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { after, test } from 'node:test'
import { corpusCases, corpusOptions, writeCorpus, type CorpusCase } from '../../scripts/dev/generate-corpus'
import type { ValidationReport } from '../../lib/input-sets/bundle/report'
import { ensureConfigVersion, tableCounts, tempDir } from '../helpers/bundles'
import { ROOT } from '../helpers/cli'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { assertIssues, assertNoStackTrace, assertRowsAccepted, MAX_RSS_BYTES, MAX_SECONDS, printFigures, summary, type Figure } from './outcome'

await useFreshDatabase()
await ensureConfigVersion(1)
const on = `[${dbLabel()}]`
const options = corpusOptions()
const cases = corpusCases(options).filter((c) => !c.restOnly)
const scratch = tempDir('corpus-cli-')
const inputs = new Map(writeCorpus(scratch, cases).map((w) => [w.name, w.input]))
const figures: Figure[] = []
after(() => printFigures(`corpus through the CLI ${on} (wall time, peak RSS):`, figures))

/** `node --import tsx` rather than the tsx binary: one process, whose peak RSS peak-rss.ts reports. */
function importCli(c: CorpusCase) {
  const rssFile = path.join(scratch, `${c.name}.rss`)
  const args = ['--import', 'tsx', '--import', './test/corpus/peak-rss.ts', 'scripts/import_planning_inputs.ts']
  args.push('-i', inputs.get(c.name)!, '--version-id', '1', `--label=${c.label ?? `c-${c.name}`}`, '--json', '--report-path', path.join(scratch, `${c.name}.json`))
  const started = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, MAX_FILE_BYTES: String(options.maxFileBytes), MAX_ROWS_PER_FILE: String(options.maxRowsPerFile), CORPUS_RSS_FILE: rssFile },
    encoding: 'utf8',
    timeout: MAX_SECONDS * 2 * 1000,
    maxBuffer: 64 * 1024 * 1024,
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const rssBytes = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : undefined
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, seconds, rssBytes }
}

for (const c of cases) {
  test(`${on} CLI ${c.name} (${c.description}) → ${summary(c.expect, false)}`, async () => {
    const before = await tableCounts()
    const r = importCli(c)
    figures.push({ name: c.name, seconds: r.seconds, rssBytes: r.rssBytes })
    const output = `${r.stdout}\n${r.stderr}`
    assert.equal(r.signal, null, `killed by ${r.signal} (timeout?)`)
    assertNoStackTrace(output)
    const e = c.expect
    if (e.outcome === 'refused') {
      assert.equal(r.code, 2, output)
      assert.match(r.stderr, /^error: /, output)
      assert.ok(r.stderr.includes(e.message), `stderr should mention '${e.message}': ${r.stderr}`)
    } else {
      assert.equal(r.code, e.outcome === 'accepted' ? 0 : 2, output)
      const report = JSON.parse(r.stdout) as ValidationReport
      assert.equal(report.ok, e.outcome === 'accepted')
      if (e.outcome === 'rejected') assertIssues(report.issues, 'error', e.errors)
      assertIssues(report.issues, 'warning', e.warnings)
      if (e.outcome === 'accepted') assertRowsAccepted(report, e.rowsAccepted)
    }
    if (e.outcome !== 'accepted') assert.deepEqual(await tableCounts(), before, 'a refused import wrote rows')
    assert.ok(r.seconds < MAX_SECONDS, `took ${r.seconds.toFixed(1)} s`)
    assert.ok(r.rssBytes !== undefined, 'the peak RSS was not reported')
    assert.ok(r.rssBytes < MAX_RSS_BYTES, `peak RSS ${r.rssBytes} bytes`)
  })
}
