// The CLIs as a user runs them: flags, JSON shapes, report file and exit codes
// (docs/cli.md).
import { reader } from '../test/helpers/access'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { cli, cliInProcess, cliInProcessJson, cliJson } from '../test/helpers/cli'
import { ROOT, TSX_COMMAND } from '../test/helpers/tsx-command'
import { dbLabel, useFreshDatabase } from '../test/helpers/database'
import { REFERENCE, tempDir, variantOf } from '../test/helpers/fixtures'
import type { ValidationReport } from '../lib/input-sets/bundle/report'
import { listEvents } from '../lib/input-sets/queries/events'
import { main as createConfigVersion } from './create_config_version'
import { main as listInputSets } from './list_planning_input_sets'
import { main as review } from './review_planning_input_set'
import { main as showEvents } from './show_planning_input_events'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const reportPath = path.join(tempDir('reports-'), 'import.json')
// Each command runs for real at least once below (its exit code, stdout and stderr as a process);
// the other cases run its CliMain in this process (no tsx start-up per case). Imports and exports
// stream files and always run as the command.

test(`${on} create_config_version registers a version; a duplicate id is refused with exit 3`, async () => {
  assert.equal(cli('create_config_version', ['--id', '1', '--name', 'base']).code, 0)
  const dup = await cliInProcess(createConfigVersion, ['--id', '1', '--name', 'again'])
  assert.equal(dup.code, 3)
  assert.match(dup.stderr, /already exists/)
  assert.equal((await cliInProcess(createConfigVersion, ['--id', 'x', '--name', 'n'])).code, 2)
})

test(`${on} import registers a draft, prints the report and writes the report file (exit 0)`, () => {
  const r = cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '1', '--label', 'cli-a', '--actor', 'alice', '--report-path', reportPath])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Imported 'cli-a' as revision 1 \(draft\)/)
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as ValidationReport
  assert.equal(report.ok, true)
  assert.equal(report.files.demand_family?.rows_accepted, 24)
})

test(`${on} a validation error exits 2 and names file, row and column; nothing is written`, async () => {
  const bad = variantOf(REFERENCE.planning, { 'demand_family.csv': 'family,period,demand\nF1,2025-01,100\nF1,2025-02,12x\n' })
  const { code, body } = cliJson<ValidationReport>('import_planning_inputs', ['-i', bad, '--version-id', '1', '--label', 'cli-bad', '--report-path', reportPath])
  assert.equal(code, 2)
  assert.equal(body.ok, false)
  assert.deepEqual(
    body.issues.filter((i) => i.severity === 'error').map((i) => [i.file, i.row, i.column, i.code]),
    [['demand_family.csv', 3, 'demand', 'not_a_number']],
  )
  assert.equal((await cliInProcess(listInputSets, ['--json'])).stdout.includes('cli-bad'), false)
})

test(`${on} --validate-only checks and writes nothing`, async () => {
  const { code, body } = cliJson<ValidationReport>('import_planning_inputs', [
    '-i',
    REFERENCE.weekly,
    '--version-id',
    '1',
    '--label',
    'cli-dry',
    '--validate-only',
    '--report-path',
    reportPath,
  ])
  assert.equal(code, 0)
  assert.equal(body.validate_only, true)
  assert.match(body.content_hash ?? '', /^[0-9a-f]{64}$/)
  assert.equal((await cliInProcess(showEvents, ['--label', 'cli-dry'])).code, 4)
})

test(`${on} usage errors exit 2 with the usage line; a bad label is refused`, () => {
  const missing = cli('import_planning_inputs', ['--label', 'x'])
  assert.equal(missing.code, 2)
  assert.match(missing.stderr, /--input \(-i\) is required/)
  const bad = cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '1', '--label', '../x'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /Invalid label '\.\.\/x'/)
  assert.doesNotMatch(bad.stderr, /at .*\.ts:\d+/, 'no stack trace')
  assert.equal(cli('import_planning_inputs', ['-i', '/nonexistent', '--version-id', '1', '--label', 'x']).code, 4)
  assert.equal(cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '9', '--label', 'x']).code, 4)
})

test(`${on} review: four-eyes exit 3, approve exit 0, illegal transition exit 3, unknown label exit 4 with hint`, async () => {
  const own = cli('review_planning_input_set', ['--label', 'cli-a', '--action', 'approve', '--actor', 'alice'])
  assert.equal(own.code, 3)
  assert.match(own.stderr, /you uploaded this draft; under the four-eyes rule/)
  const ok = await cliInProcess(review, ['--label', 'cli-a', '--action', 'approve', '--actor', 'bob', '--comment', 'JIRA-9 approve by bob'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.match(ok.stdout, /cli-a@1: draft → ready/)
  assert.equal((await cliInProcess(review, ['--label', 'cli-a@1', '--action', 'approve', '--actor', 'carol'])).code, 3)
  const unknown = await cliInProcess(review, ['--label', 'cli-b', '--action', 'approve', '--actor', 'bob'])
  assert.equal(unknown.code, 4)
  assert.match(unknown.stderr, /Input set 'cli-b' not found\. Did you mean: cli-a/)
  assert.equal((await cliInProcess(review, ['--label', 'cli-a', '--action', 'bless', '--actor', 'bob'])).code, 2)
})

test(`${on} review: revert and archive without --comment exit 2 naming the comment; nothing changes`, async () => {
  for (const action of ['revert', 'archive']) {
    const bare = await cliInProcess(review, ['--label', 'cli-a', '--action', action, '--actor', 'bob'])
    assert.equal(bare.code, 2, bare.stderr)
    assert.match(bare.stderr, new RegExp(`A comment is required to ${action}`))
    assert.doesNotMatch(bare.stderr, /at .*\.ts:\d+/, 'no stack trace')
  }
  assert.deepEqual(
    (await listEvents(reader, 'cli-a', 1)).events.map((e) => e.action),
    ['approve'],
  )
  const ok = await cliInProcess(review, ['--label', 'cli-a', '--action', 'revert', '--actor', 'bob', '--comment', 'JIRA-10 wrong week'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal((await cliInProcess(review, ['--label', 'cli-a', '--action', 'approve', '--actor', 'bob', '--comment', 'JIRA-9 approve by bob'])).code, 0)
})

test(`${on} list --json has the documented shape`, async () => {
  const { code, body } = await cliInProcessJson<{ input_sets: Record<string, unknown>[] }>(listInputSets, [])
  assert.equal(code, 0)
  const a = body.input_sets.find((s) => s.label === 'cli-a')!
  assert.deepEqual(Object.keys(a).sort(), ['approved_at', 'approved_by', 'config_version_id', 'label', 'revision', 'rows', 'status', 'updated_at'])
  assert.deepEqual([a.status, a.revision, a.approved_by], ['ready', 1, 'bob'])
  assert.equal((await cliInProcessJson<{ input_sets: unknown[] }>(listInputSets, ['--status', 'draft'])).body.input_sets.length, 0)
  assert.equal((await cliInProcess(listInputSets, ['--status', 'bogus'])).code, 2)
})

test(`${on} through tsx's own command, as documented: output on stdout, a refusal's line on stderr and its exit code`, () => {
  const run = (args: string[]) => spawnSync(TSX_COMMAND, ['scripts/list_planning_input_sets.ts', ...args], { cwd: ROOT, env: process.env, encoding: 'utf8' })
  const listed = run(['--json'])
  assert.equal(listed.status, 0, listed.stderr)
  assert.ok((JSON.parse(listed.stdout) as { input_sets: { label: string }[] }).input_sets.some((s) => s.label === 'cli-a'))
  const refused = run(['--status', 'bogus'])
  assert.equal(refused.status, 2)
  assert.match(refused.stderr, /^error: --status must be one of [a-z, ]+; got 'bogus'\.$/m)
})

test(`${on} show_planning_input_events --json equals the events body of the domain (REST shape)`, async () => {
  const { code, body } = cliJson('show_planning_input_events', ['--label', 'cli-a', '--limit', '10'])
  assert.equal(code, 0)
  assert.deepEqual(body, await listEvents(reader, 'cli-a', 10))
})

test(`${on} export writes out/planning_inputs_<label> and a zip that re-imports to the same hash`, () => {
  const out = tempDir('cli-export-')
  const { code, body } = cliJson<{ dir: string; zip: string; content_hash: string }>('export_planning_inputs', ['--label', 'cli-a', '-o', out, '--zip'])
  assert.equal(code, 0)
  assert.equal(body.dir, path.join(out, 'planning_inputs_cli-a'))
  assert.ok(fs.existsSync(body.zip))
  const again = cliJson<ValidationReport>('import_planning_inputs', ['-i', body.zip, '--version-id', '1', '--label', 'cli-a-copy', '--report-path', reportPath])
  assert.equal(again.body.content_hash, body.content_hash)
  assert.equal(cli('export_planning_inputs', ['--label', 'nope', '-o', out]).code, 4)
})

test(`${on} import over a colleague's pending draft exits 3 with one line naming them; --replace-draft replaces it and the event says whose`, async () => {
  const args = (actor: string, ...extra: string[]) => [
    '-i',
    REFERENCE.planning,
    '--version-id',
    '1',
    '--label',
    'cli-pending',
    '--actor',
    actor,
    '--report-path',
    reportPath,
    ...extra,
  ]
  assert.equal(cli('import_planning_inputs', args('alice')).code, 0)
  const refused = cli('import_planning_inputs', args('bob'))
  assert.equal(refused.code, 3, refused.stderr)
  assert.equal(refused.stderr.trimEnd().split('\n').length, 1, refused.stderr)
  assert.match(refused.stderr, /^error: 'cli-pending' has a pending draft r1 uploaded by alice, .*--replace-draft/)
  const replaced = cli('import_planning_inputs', args('bob', '--replace-draft', '--comment', 'alice is away'))
  assert.equal(replaced.code, 0, replaced.stderr)
  assert.match(replaced.stdout, /Imported 'cli-pending' as revision 2 \(draft\)/)
  const [event] = (await listEvents(reader, 'cli-pending', 1)).events
  assert.deepEqual([event.actor, event.comment, event.metadata?.replaced_draft], ['bob', 'alice is away', { revision: 1, uploaded_by: 'alice' }])
  // One's own draft is replaced without the flag.
  assert.equal(cli('import_planning_inputs', args('bob')).code, 0)
})

test(`${on} review: request_changes on the draft exits 0 and keeps it a draft; without --comment exit 2`, async () => {
  assert.equal(cli('import_planning_inputs', ['-i', REFERENCE.weekly, '--version-id', '1', '--label', 'cli-ask', '--actor', 'alice']).code, 0)
  const bare = await cliInProcess(review, ['--label', 'cli-ask', '--action', 'request_changes', '--actor', 'bob'])
  assert.equal(bare.code, 2)
  assert.match(bare.stderr, /A comment is required to request changes/)
  const ok = await cliInProcess(review, ['--label', 'cli-ask', '--action', 'request_changes', '--actor', 'bob', '--comment', 'JIRA-12 wrong week'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.match(ok.stdout, /cli-ask@1: changes requested \(event \d+\)/)
  const [event] = (await listEvents(reader, 'cli-ask', 1)).events
  assert.deepEqual([event.action, event.actor, event.comment], ['request_changes', 'bob', 'JIRA-12 wrong week'])
})
