// The Prometheus rules as Prometheus itself reads them: `promtool check rules` (syntax, PromQL,
// templates) and `promtool test rules` (each alert firing and not firing on synthetic series).
// promtool is a test dependency like PostgreSQL: missing, the test fails and says how to install it.
// npm test: database-free
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

const DIR = import.meta.dirname
const RULES = path.join(DIR, 'input_set_diff.rules.yml')
const UNIT_TESTS = fs
  .readdirSync(path.join(DIR, 'tests'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => path.join(DIR, 'tests', f))

function promtool(...args: string[]): string {
  const r = spawnSync('promtool', args, { encoding: 'utf8' })
  if (r.error) assert.fail(`promtool could not be run (${r.error.message}). Install it: apt-get install -y --no-install-recommends prometheus`)
  const output = `${r.stdout}${r.stderr}`
  assert.equal(r.status, 0, `promtool ${args.join(' ')} failed:\n${output}`)
  return output
}

test('promtool check rules accepts monitoring/input_set_diff.rules.yml', () => {
  assert.match(promtool('check', 'rules', RULES), /SUCCESS: \d+ rules found/)
})

test('promtool test rules passes every rule unit test in monitoring/tests', () => {
  assert.ok(UNIT_TESTS.length > 0, 'no rule unit tests found')
  promtool('test', 'rules', ...UNIT_TESTS)
})
