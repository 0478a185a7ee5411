// Who a writing CLI acts as (docs/cli.md, "Who acts"): once the database has users, --actor must
// name an active user whose role allows the command, so a shell user cannot pass four-eyes by
// naming someone else; DATA_DIR/cli-users.json pins OS users to users. The CLIs run as an
// operator runs them; the reviews whose point is not the process (its environment) run the
// command's CliMain in this process, as the same OS user.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { reader } from '../../test/helpers/access'
import { cli, cliInProcess } from '../../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { REFERENCE, tempDir } from '../../test/helpers/fixtures'
import { bob } from '../../test/helpers/input-sets'
import { main as review } from '../../scripts/review_planning_input_set'
import { createUser, setUserDisabled } from '../auth/users'
import { listEvents } from '../input-sets/queries/events'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const osUser = os.userInfo().username

const importSet = (label: string, ...actor: string[]) => cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '1', '--label', label, ...actor])
const approveArgs = (label: string, actor: string) => ['--label', label, '--action', 'approve', '--actor', actor, '--comment', `JIRA-123 approve by ${actor}`]
const approve = (label: string, actor: string) => cliInProcess(review, approveArgs(label, actor))
// Spawned: DATA_DIR (and so cli-users.json) is read from the process's environment.
const approveWithEnv = (label: string, actor: string, env: Record<string, string>) => cli('review_planning_input_set', approveArgs(label, actor), env)
const statusOf = async (label: string) => (await listEvents(reader, label, 1)).events[0]

test(`${on} a database without users has nobody to impersonate: --actor stays free text`, async () => {
  assert.equal(cli('create_config_version', ['--id', '1', '--name', 'base']).code, 0)
  assert.equal(importSet('free-a', '--actor', 'alice').code, 0)
  const ok = await approve('free-a', 'bob')
  assert.equal(ok.code, 0, ok.stderr)
})

test(`${on} with users, approving as a name that is no user, a viewer, a disabled or an ambiguous user is refused (exit 3) and changes nothing`, async () => {
  await createUser({ email: 'lead@example.test', name: 'ops_lead', role: 'approver' }, bob)
  await createUser({ email: 'planner@example.test', name: 'planner', role: 'editor' }, bob)
  await createUser({ email: 'viewer@example.test', name: 'viewer', role: 'viewer' }, bob)
  await createUser({ email: 'gone@example.test', name: 'gone', role: 'approver' }, bob)
  await setUserDisabled('gone@example.test', true, bob)
  await createUser({ email: 'sam1@example.test', name: 'sam', role: 'approver' }, bob)
  await createUser({ email: 'sam2@example.test', name: 'sam', role: 'admin' }, bob)
  assert.equal(importSet('four-a').code, 0, 'an import without --actor acts as the OS user')

  const refusals: [string, RegExp][] = [
    ['mallory', /--actor 'mallory' is not a user: name an existing user by email or name/],
    ['viewer', /User viewer@example\.test is viewer; this command needs approver or admin\./],
    ['gone', /User gone@example\.test is disabled and cannot act\./],
    ['sam', /--actor 'sam' is the name of 2 users; use the email instead\./],
  ]
  for (const [actor, said] of refusals) {
    const r = await approve('four-a', actor)
    assert.equal(r.code, 3, `${actor}: ${r.stderr}`)
    assert.match(r.stderr, said)
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, 'one line, no stack trace')
  }
  assert.equal((await statusOf('four-a')).action, 'upload', 'nothing was approved')
})

test(`${on} the runbook's "JIRA-123 approve by ops_lead" works for a real ops_lead, who acts under their portal identity`, async () => {
  const r = await approve('four-a', 'ops_lead')
  assert.equal(r.code, 0, r.stderr)
  const event = await statusOf('four-a')
  assert.deepEqual([event.action, event.actor, event.comment], ['approve', 'lead@example.test', 'JIRA-123 approve by ops_lead'])
  // By email in any case too; and it is the same person as in the portal, so four-eyes holds.
  assert.equal(importSet('four-b', '--actor', 'LEAD@example.test').code, 0)
  const own = await approve('four-b', 'ops_lead')
  assert.equal(own.code, 3)
  assert.match(own.stderr, /Cannot approve four-b@1 as lead@example\.test: you uploaded this draft/)
})

test(`${on} every writing CLI checks its --actor: an import needs an editor, account changes an administrator`, () => {
  const viewerImport = importSet('four-c', '--actor', 'viewer')
  assert.equal(viewerImport.code, 3)
  assert.match(viewerImport.stderr, /is viewer; this command needs editor or approver or admin/)
  assert.equal(importSet('four-c', '--actor', 'planner').code, 0)
  const token = cli('create_api_token', ['--user', 'planner@example.test', '--scopes', 'input_sets:read', '--actor', 'ops_lead'])
  assert.equal(token.code, 3)
  assert.match(token.stderr, /needs admin/)
  assert.equal(cli('manage_user', ['--email', 'viewer@example.test', '--role', 'editor', '--actor', 'nobody']).code, 3)
  assert.equal(cli('export_planning_inputs', ['--label', 'four-a', '-o', tempDir('actor-export-'), '--actor', 'nobody']).code, 3)
})

test(`${on} without --actor a review is refused once there are users: the OS user is no reviewer`, async () => {
  const r = await cliInProcess(review, ['--label', 'four-c', '--action', 'approve'])
  assert.equal(r.code, 2, 'review_planning_input_set requires --actor')
  assert.match(r.stderr, /--actor is required/)
})

test(`${on} DATA_DIR/cli-users.json pins the OS user: --actor may only name the mapped user; unmapped OS users are refused`, () => {
  const dataDir = tempDir('cli-users-')
  const mapping = path.join(dataDir, 'cli-users.json')
  const env = { DATA_DIR: dataDir }
  fs.writeFileSync(mapping, JSON.stringify({ [osUser]: 'lead@example.test' }))
  const other = approveWithEnv('four-c', 'sam1@example.test', env)
  assert.equal(other.code, 3)
  assert.match(other.stderr, new RegExp(`--actor 'sam1@example.test' is not you: .*cli-users\\.json maps OS user '${osUser}' to lead@example\\.test`))
  const mine = approveWithEnv('four-c', 'ops_lead', env)
  assert.equal(mine.code, 0, mine.stderr)

  fs.writeFileSync(mapping, JSON.stringify({ 'someone-else': 'lead@example.test' }))
  const unmapped = cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '1', '--label', 'four-d'], env)
  assert.equal(unmapped.code, 3)
  assert.match(unmapped.stderr, new RegExp(`OS user '${osUser}' is not in .*cli-users\\.json`))
  fs.writeFileSync(mapping, '{not json')
  const broken = cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '1', '--label', 'four-d'], env)
  assert.equal(broken.code, 2)
  assert.match(broken.stderr, /cli-users\.json is not JSON/)
})
