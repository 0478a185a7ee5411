// The account and token CLIs as a user runs them: output, secrecy and exit codes
// (docs/cli.md, "Accounts and API tokens").
import assert from 'node:assert/strict'
import os from 'node:os'
import { test } from 'node:test'
import { cli, cliInProcess } from '../../test/helpers/cli'
import { main as createApiToken } from '../../scripts/create_api_token'
import { main as createUser } from '../../scripts/create_user'
import { main as listApiTokens } from '../../scripts/list_api_tokens'
import { main as manageUser } from '../../scripts/manage_user'
import { main as revokeApiToken } from '../../scripts/revoke_api_token'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { listAuditEvents } from './audit'
import { verifyApiToken } from './tokens'
import { findUserRow } from './users'

await useFreshDatabase()
const on = `[${dbLabel()}]`
let secret = ''

// Each command runs for real at least once below (its exit code, stdout and stderr as a process);
// the other cases run its CliMain in this process (no tsx start-up per case).
test(`${on} create_user creates a user (exit 0); a duplicate exits 3; bad role or short password exit 2`, async () => {
  const ok = cli('create_user', ['--email', 'Pat@Example.com', '--role', 'editor', '--name', 'Pat', '--password', 'lantern-quay-77', '--actor', 'ops'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal(ok.stdout, 'Created user pat@example.com (editor).\n')
  const dup = await cliInProcess(createUser, ['--email', 'pat@example.com', '--role', 'viewer', '--password', 'lantern-quay-77'])
  assert.deepEqual([dup.code, dup.stderr], [3, "error: User 'pat@example.com' already exists.\n"])
  assert.equal((await cliInProcess(createUser, ['--email', 'q@example.com', '--role', 'owner', '--password', 'lantern-quay-77'])).code, 2)
  const short = await cliInProcess(createUser, ['--email', 'q@example.com', '--role', 'viewer', '--password', 'short'])
  assert.equal(short.code, 2)
  assert.match(short.stderr, /at least 10 characters/)
})

test(`${on} create_user without --password and without a terminal refuses with exit 2 instead of waiting`, async () => {
  // Spawned: the point is the process's own stdin, which is no terminal here.
  const r = cli('create_user', ['--email', 'q@example.com', '--role', 'viewer'])
  assert.equal(r.code, 2)
  assert.match(r.stderr, /Give --password \(or --sso\)/)
  const sso = await cliInProcess(createUser, ['--email', 'q@example.com', '--role', 'viewer', '--sso'])
  assert.deepEqual([sso.code, sso.stdout], [0, 'Created user q@example.com (viewer, single sign-on only).\n'])
})

test(`${on} in production create_user refuses a well-known default password (exit 2)`, () => {
  // Spawned: NODE_ENV is read from the process's environment.
  const r = cli('create_user', ['--email', 'r@example.com', '--role', 'viewer', '--password', 'changeme123'], { NODE_ENV: 'production' })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /well-known default/)
})

test(`${on} create_api_token prints the secret alone on stdout, details and a warning on stderr`, async () => {
  // Once there are users, --actor names one who may do this: an administrator (docs/cli.md, "Who acts").
  assert.equal((await cliInProcess(createUser, ['--email', 'ops@example.com', '--role', 'admin', '--name', 'ops', '--sso'])).code, 0)
  const r = cli('create_api_token', [
    '--user',
    'pat@example.com',
    '--scopes',
    'input_sets:read,input_sets:write',
    '--name',
    'ci',
    '--expires',
    '30d',
    '--actor',
    'ops',
  ])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /^phk_[A-Za-z0-9_-]{43}\n$/)
  secret = r.stdout.trim()
  assert.match(
    r.stderr,
    new RegExp(`Created API token 'ci' \\(${secret.slice(0, 12)}\\) for pat@example.com; scopes: input_sets:read input_sets:write; expires: 20`),
  )
  assert.match(r.stderr, /shown only this once/)
  assert.ok(!r.stderr.includes(secret.slice(12)))
  assert.deepEqual((await verifyApiToken(secret))?.scopes, ['input_sets:read', 'input_sets:write'])
  const [event] = await listAuditEvents({ subject: `token:${secret.slice(0, 12)}` })
  assert.deepEqual([event.action, event.actor, event.actor_kind], ['token.create', 'ops@example.com', 'cli'])
})

test(`${on} create_api_token: unknown user exits 4; unknown scope, past expiry or missing scopes exit 2`, async () => {
  assert.equal((await cliInProcess(createApiToken, ['--user', 'nobody@example.com', '--scopes', 'input_sets:read'])).code, 4)
  const bad = await cliInProcess(createApiToken, ['--user', 'pat@example.com', '--scopes', 'input_sets:read,root'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /Unknown scope\(s\): root/)
  assert.equal((await cliInProcess(createApiToken, ['--user', 'pat@example.com', '--scopes', 'input_sets:read', '--expires', '2020-01-01'])).code, 2)
  assert.equal((await cliInProcess(createApiToken, ['--user', 'pat@example.com'])).code, 2)
})

test(`${on} list_api_tokens shows prefixes, never secrets; revoke exits 0, then 3 when repeated, 4 when unknown`, async () => {
  const listed = cli('list_api_tokens', ['--user', 'pat@example.com', '--json'])
  assert.equal(listed.code, 0, listed.stderr)
  const body = JSON.parse(listed.stdout) as { api_tokens: { prefix: string; status: string; name: string }[] }
  assert.deepEqual(
    body.api_tokens.map((t) => [t.prefix, t.status, t.name]),
    [[secret.slice(0, 12), 'active', 'ci']],
  )
  assert.ok(!listed.stdout.includes(secret.slice(12)))
  const table = await cliInProcess(listApiTokens, [])
  assert.match(table.stdout, new RegExp(`${secret.slice(0, 12)}\\s+pat@example.com\\s+ci\\s+active`))
  const revoked = cli('revoke_api_token', ['--token', secret.slice(0, 12)])
  assert.deepEqual([revoked.code, revoked.stdout], [0, `Revoked API token ${secret.slice(0, 12)} ('ci') of pat@example.com.\n`])
  assert.equal((await cliInProcess(revokeApiToken, ['--token', secret.slice(0, 12)])).code, 3)
  assert.equal((await cliInProcess(revokeApiToken, ['--token', 'phk_00000000'])).code, 4)
  assert.equal((await cliInProcess(revokeApiToken, [])).code, 2)
})

test(`${on} manage_user changes role, password and enabled state, ends sessions, and shows the account's events; bad input exits 2, an unknown user 4`, async () => {
  const email = 'mia@example.com'
  assert.equal((await cliInProcess(createUser, ['--email', email, '--role', 'viewer', '--password', 'lantern-quay-77'])).code, 0)
  const svBefore = (await findUserRow({ email }))!.sessionVersion
  const steps: [string[], RegExp][] = [
    [['--role', 'approver'], /is now approver; their sessions ended/],
    [['--password', 'harbour-gale-88'], /Password of mia@example.com changed/],
    [['--end-sessions'], /Every session of mia@example.com ended/],
    [['--disable'], /disabled: sessions ended, API tokens refused/],
    [['--enable'], /enabled again/],
  ]
  for (const [flags, said] of steps) {
    // The command's logic in this process (no tsx start-up per change); --show and the unknown
    // user below run the real command.
    const r = await cliInProcess(manageUser, ['--email', email, ...flags, '--actor', 'ops'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, said)
  }
  const user = (await findUserRow({ email }))!
  assert.equal(user.role, 'approver')
  assert.equal(user.disabledAt, null)
  assert.equal(user.sessionVersion, svBefore + 5, 'every change ended the sessions once')
  const shown = cli('manage_user', ['--email', email, '--show', '--json'])
  const body = JSON.parse(shown.stdout) as { user: { role: string }; events: { action: string; actor: string }[] }
  assert.equal(body.user.role, 'approver')
  assert.deepEqual(
    body.events.map((e) => [e.action, e.actor]),
    [...Array(5).fill(['user.update', 'ops@example.com']), ['user.create', os.userInfo().username]],
  )
  assert.equal((await cliInProcess(manageUser, ['--email', email])).code, 2, 'no change named')
  assert.equal((await cliInProcess(manageUser, ['--email', email, '--disable', '--enable'])).code, 2, 'two changes')
  assert.equal((await cliInProcess(manageUser, ['--email', email, '--role', 'owner'])).code, 2)
  assert.equal((await cliInProcess(manageUser, ['--email', email, '--password', 'short'])).code, 2)
  const missing = cli('manage_user', ['--email', 'nobody@example.com', '--disable'])
  assert.equal(missing.code, 4)
  assert.match(missing.stderr, /User 'nobody@example.com' not found/)
})
