// log_planning_input_set_event and show_planning_input_events as a user runs them
// (docs/cli.md): manual events change no status and are marked manual; bad input exits 2 with one
// line; `L@N` / `L@draft` names a revision of the label's history.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reader } from '../test/helpers/access'
import { memoryBundle, runImport, validFiles } from '../test/helpers/bundles'
import { cli, cliInProcess, cliInProcessJson, cliJson } from '../test/helpers/cli'
import { dbLabel, useFreshDatabase } from '../test/helpers/database'
import { REFERENCE, tempDir } from '../test/helpers/fixtures'
import { getSql } from '../lib/db/sql'
import { cliActor } from '../lib/input-sets/actor'
import type { EventsBody } from '../lib/input-sets/queries/events'
import { listEvents } from '../lib/input-sets/queries/events'
import type { ManualEventResult } from '../lib/input-sets/verbs/log-event'
import { reviewInputSet } from '../lib/input-sets/verbs/review'
import { main as logEventMain } from './log_planning_input_set_event'
import { main as showEventsMain } from './show_planning_input_events'

await useFreshDatabase()
const on = `[${dbLabel()}]`

// rt: r1 ready (approved by lead), r2 draft.
await runImport(memoryBundle(validFiles()), { label: 'rt', actor: cliActor('planner') })
await reviewInputSet({ ref: 'rt', action: 'approve', actor: cliActor('lead'), comment: 'ok' })
await runImport(memoryBundle(validFiles()), { label: 'rt', actor: cliActor('planner') })

const statuses = () =>
  getSql().withConnection((conn) => conn.db.selectFrom('input_set_revision').select(['number', 'status', 'approved_by']).orderBy('number').execute())
// The command's logic in this process (no tsx start-up per case); the first two tests also run
// the real log_planning_input_set_event (a success and a refusal), the fourth the real
// show_planning_input_events, the last the real review, for their exit codes, stdout and stderr.
const log = (args: string[]) => cliInProcess(logEventMain, args)
const logJson = (args: string[]) => cliInProcessJson<ManualEventResult>(logEventMain, args)
const show = (args: string[]) => cliInProcess(showEventsMain, args)

test(`${on} log_planning_input_set_event appends a manual note (metadata.manual=true) and changes no status`, async () => {
  const before = await statuses()
  const { code, body, stderr } = cliJson<ManualEventResult>('log_planning_input_set_event', [
    '--label',
    'rt',
    '--action',
    'note',
    '--actor',
    'ops_lead',
    '--comment',
    'History was empty before the audit trail; see OPS-12',
    '--metadata',
    '{"ticket":"OPS-12"}',
  ])
  assert.equal(code, 0, stderr)
  assert.deepEqual(
    [body.label, body.event.action, body.event.type, body.event.actor, body.event.actor_kind, body.event.revision, body.event.metadata],
    ['rt', 'note', 'input_set.note', 'ops_lead', 'cli', null, { ticket: 'OPS-12', manual: true }],
  )
  assert.deepEqual(await statuses(), before, 'no status, approver or revision changed')
  const [newest] = (await listEvents(reader, 'rt', 1)).events
  assert.deepEqual(newest, body.event, 'the events body shows it as written')
  // The text output says it changed nothing; the history marks it manual.
  const plain = await log(['--label', 'rt@2', '--action', 'note', '--actor', 'ops_lead', '--comment', 'checked the draft'])
  assert.equal(plain.code, 0, plain.stderr)
  assert.match(plain.stdout, /^rt@2: manual note by ops_lead \(event \d+\); no status changed$/m)
  assert.match((await show(['--label', 'rt'])).stdout, /note\s+r2\s+ops_lead \(manual\)\s+— checked the draft/)
})

test(`${on} record_approval names the approved revision (the label's ready one by default) and refuses a draft (exit 3)`, async () => {
  const ok = await logJson(['--label', 'rt', '--action', 'record_approval', '--actor', 'auditor', '--comment', 'Approved by email, CHG-7'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.deepEqual([ok.body.event.type, ok.body.event.revision], ['input_set.record_approval', 1])
  const byFlag = await logJson(['--label', 'rt', '--revision', '1', '--action', 'record_approval', '--actor', 'a', '--comment', 'c'])
  assert.equal(byFlag.body.event.revision, 1)
  const draft = cli('log_planning_input_set_event', ['--label', 'rt', '--revision', '2', '--action', 'record_approval', '--actor', 'auditor', '--comment', 'x'])
  assert.equal(draft.code, 3)
  assert.match(draft.stderr, /rt@2 is a draft: record_approval records an approval that already took effect/)
  assert.equal((await statuses()).find((r) => r.number === 2)?.status, 'draft')
})

test(`${on} log_planning_input_set_event refuses state actions, unknown actions, bad JSON and missing fields with exit 2 and one line`, async () => {
  const before = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  )
  const base = ['--label', 'rt', '--actor', 'ops', '--comment', 'c']
  const cases: [string[], RegExp][] = [
    [[...base, '--action', 'approve'], /action 'approve' changes or comes with a change of state .* Use review_planning_input_set/],
    [[...base, '--action', 'export'], /action 'export' changes or comes with a change of state/],
    [[...base, '--action', 'request_changes'], /action 'request_changes' changes or comes with a change of state/],
    [[...base, '--action', 'bless'], /Unknown action 'bless': a manual event is one of note, record_approval/],
    [[...base, '--action', 'note', '--metadata', '{ticket:1}'], /metadata is not valid JSON/],
    [[...base, '--action', 'note', '--metadata', '[1,2]'], /metadata must be a JSON object/],
    [[...base, '--action', 'note', '--metadata', '{"manual":false}'], /metadata\.manual is set by the system/],
    [[...base, '--action', 'note', '--revision', 'two'], /--revision must be a whole number/],
    [['--label', 'rt@1', '--revision', '2', '--action', 'note', '--actor', 'ops', '--comment', 'c'], /rt@1 and revision 2 name different revisions/],
    [['--label', 'rt', '--action', 'note', '--actor', 'ops'], /--comment is required/],
    [['--label', 'rt', '--action', 'note', '--comment', 'c'], /--actor is required/],
    [['--label', 'rt', '--action', 'note', '--actor', 'ops', '--comment', '   '], /--comment is required|needs a comment/],
  ]
  for (const [args, message] of cases) {
    const r = await log(args)
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace')
  }
  assert.equal((await log([...base.map((a) => (a === 'rt' ? 'nope' : a)), '--action', 'note'])).code, 4)
  assert.equal((await log(['--label', 'rt@9', '--action', 'note', '--actor', 'ops', '--comment', 'c'])).code, 4)
  const after = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  )
  assert.equal(after.n, before.n, 'nothing was written')
})

test(`${on} show_planning_input_events accepts L@N and L@draft: the label's events, that revision's own marked`, async () => {
  const { code, body, stderr } = cliJson<EventsBody>('show_planning_input_events', ['--label', 'rt@draft'])
  assert.equal(code, 0, stderr)
  assert.deepEqual(body.ref, { text: 'rt@draft', revision: 2 })
  const whole = await listEvents(reader, 'rt')
  assert.deepEqual(body.events, whole.events, 'still the whole history of the label')
  assert.equal(whole.ref, undefined, 'a bare label names no revision: the body is as before')
  assert.deepEqual((await cliInProcessJson<EventsBody>(showEventsMain, ['--label', 'rt@1'])).body.ref, { text: 'rt@1', revision: 1 })
  const text = (await show(['--label', 'rt@1'])).stdout
  assert.match(text, /events are kept per label: \* marks the events of rt@1 \(r1\)/)
  const lines = text.split('\n').filter((l) => /^[* ] \d{4}-/.test(l))
  assert.equal(lines.length, whole.events.length)
  assert.ok(lines.filter((l) => l.startsWith('* ')).every((l) => / r1 /.test(l)) && lines.some((l) => l.startsWith('* ')))
  assert.ok(lines.filter((l) => l.startsWith('  ')).every((l) => !/ r1 /.test(l)))
  const missing = await show(['--label', 'rt@7'])
  assert.equal(missing.code, 4)
  assert.doesNotMatch(missing.stderr, /Invalid label/)
  assert.equal((await show(['--label', 'rt@x'])).code, 2)
})

test(`${on} the other CLIs: export and review take L@N and L@draft; import and evidence say why they take a bare label`, () => {
  const out = tempDir('events-cli-export-')
  const exported = cliJson<{ revision: number }>('export_planning_inputs', ['--label', 'rt@1', '-o', out])
  assert.deepEqual([exported.code, exported.body.revision], [0, 1], exported.stderr)
  assert.equal(cliJson<{ revision: number }>('export_planning_inputs', ['--label', 'rt@draft', '-o', out]).body.revision, 2)

  const imported = cli('import_planning_inputs', ['-i', REFERENCE.planning, '--version-id', '1', '--label', 'rt@2'])
  assert.equal(imported.code, 2)
  assert.match(imported.stderr, /'rt@2' names a revision, but an import always creates the next revision of a label: give the label 'rt'/)
  const evidence = cli('collect_input_set_evidence', ['--label', 'rt@draft'])
  assert.equal(evidence.code, 2)
  assert.match(evidence.stderr, /'rt@draft' names a revision, but evidence is collected per label/)

  const reviewed = cli('review_planning_input_set', ['--label', 'rt@draft', '--action', 'approve', '--actor', 'lead'])
  assert.equal(reviewed.code, 0, reviewed.stderr)
  assert.match(reviewed.stdout, /rt@2: draft → ready/)
})
