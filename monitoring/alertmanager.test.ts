// monitoring/alertmanager.yml as Alertmanager itself reads it: `amtool check-config` accepts it,
// and `amtool config routes test` sends every alert of the shipped rules files, with the labels
// it fires with, to the receiver the operators expect. The alert list comes from the rules files
// and the labels from their promtool unit tests, so a new alert fails here until it has a route,
// an expected receiver below and a firing unit test. amtool is a test dependency like promtool
// (Debian's prometheus-alertmanager package): missing, the test fails and says how to install it.
// The shipped file is checked as it is: check-config validates the *_file settings but does not
// read the secret files (Alertmanager reads them when it sends), so none are needed here.
// npm test: database-free
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { parse } from 'yaml'

const DIR = import.meta.dirname
const CONFIG = path.join(DIR, 'alertmanager.yml')
const SECRETS = '/etc/alertmanager/secrets/'

/** Where each alert must go: diff jobs to #planning-alert, the legacy fallback and artifacts to #scpln-ops. */
const EXPECTED_RECEIVER: Record<string, string> = {
  InputSetDiffJobsFailing: 'slack-planning-alert',
  LegacyRunsWithoutInputSet: 'slack-scpln-ops',
  PlanArtifactWriteErrors: 'slack-scpln-ops',
}
const CHANNEL_OF: Record<string, string> = { 'slack-planning-alert': '#planning-alert', 'slack-scpln-ops': '#scpln-ops' }

type Labels = Record<string, string>
type RulesFile = { groups: { rules: { alert?: string; labels?: Labels }[] }[] }
type UnitTests = { tests: { alert_rule_test?: { alertname: string; exp_alerts?: { exp_labels?: Labels }[] }[] }[] }
type SlackConfig = { channel?: string; api_url?: string; api_url_file?: string }
type Config = {
  global?: { slack_api_url?: string; slack_api_url_file?: string }
  route: Route
  receivers: { name: string; slack_configs?: SlackConfig[] }[]
}
type Route = {
  receiver?: string
  group_by?: string[]
  group_wait?: string
  group_interval?: string
  repeat_interval?: string
  matchers?: string[]
  routes?: Route[]
}

const readYaml = <T>(file: string): T => parse(fs.readFileSync(file, 'utf8')) as T
const config = readYaml<Config>(CONFIG)

/** Every alert of monitoring/*.rules.yml with the labels its unit tests expect it to fire with. */
function shippedAlerts(): { name: string; labelSets: Labels[] }[] {
  const alerts = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.rules.yml'))
    .flatMap((f) => readYaml<RulesFile>(path.join(DIR, f)).groups.flatMap((g) => g.rules))
    .filter((r) => r.alert)
  const unitTests = fs
    .readdirSync(path.join(DIR, 'tests'))
    .filter((f) => f.endsWith('.yml'))
    .flatMap((f) => readYaml<UnitTests>(path.join(DIR, 'tests', f)).tests.flatMap((t) => t.alert_rule_test ?? []))
  return alerts.map((rule) => {
    const fired = unitTests
      .filter((t) => t.alertname === rule.alert)
      .flatMap((t) => t.exp_alerts ?? [])
      .map((a) => ({ ...rule.labels, ...a.exp_labels }))
    const distinct = [...new Map(fired.map((l) => [JSON.stringify(Object.entries(l).sort()), l])).values()]
    return { name: rule.alert!, labelSets: distinct }
  })
}

function amtool(...args: string[]): string {
  const r = spawnSync('amtool', args, { encoding: 'utf8' })
  if (r.error) assert.fail(`amtool could not be run (${r.error.message}). Install it: apt-get install -y --no-install-recommends prometheus-alertmanager`)
  const output = `${r.stdout}${r.stderr}`
  assert.equal(r.status, 0, `amtool ${args.join(' ')} failed:\n${output}`)
  return r.stdout
}

test('amtool check-config accepts monitoring/alertmanager.yml', () => {
  const out = amtool('check-config', CONFIG)
  assert.match(out, /SUCCESS/)
  assert.match(out, new RegExp(`- ${config.receivers.length} receivers`))
})

test('every alert of the shipped rules files routes to its expected receiver (amtool config routes test)', () => {
  const alerts = shippedAlerts()
  assert.ok(alerts.length >= 3, `found only ${alerts.length} alerts in monitoring/*.rules.yml`)
  for (const { name, labelSets } of alerts) {
    const expected = EXPECTED_RECEIVER[name]
    assert.ok(expected, `${name} has no expected receiver: route it in monitoring/alertmanager.yml and add it to EXPECTED_RECEIVER`)
    assert.ok(labelSets.length > 0, `${name} has no firing unit test in monitoring/tests, so its labels are unknown`)
    for (const labels of labelSets) {
      const args = [`alertname=${name}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]
      const receivers = amtool('config', 'routes', 'test', `--config.file=${CONFIG}`, ...args)
        .trim()
        .split(',')
      assert.deepEqual(receivers, [expected], `${args.join(' ')} reaches ${receivers.join(', ')}`)
    }
  }
})

test('an alert no route claims reaches the default receiver, in #scpln-ops, marked unrouted', () => {
  const receivers = amtool('config', 'routes', 'test', `--config.file=${CONFIG}`, 'alertname=SomeNewAlert', 'job=planning-hub').trim()
  assert.equal(receivers, config.route.receiver)
  assert.ok(!Object.values(EXPECTED_RECEIVER).includes(receivers), 'the default receiver is none of the routed ones')
  const fallback = config.receivers.find((r) => r.name === receivers)
  assert.equal(fallback?.slack_configs?.[0]?.channel, '#scpln-ops')
})

test('receivers post to #planning-alert and #scpln-ops with webhook URLs read from files; no URL is in the repository', () => {
  for (const [receiver, channel] of Object.entries(CHANNEL_OF)) {
    const slack = config.receivers.find((r) => r.name === receiver)?.slack_configs ?? []
    assert.deepEqual(
      slack.map((s) => s.channel),
      [channel],
      receiver,
    )
  }
  assert.equal(config.global?.slack_api_url, undefined)
  assert.ok(config.global?.slack_api_url_file?.startsWith(SECRETS))
  for (const r of config.receivers) {
    for (const s of r.slack_configs ?? []) {
      assert.equal(s.api_url, undefined, `${r.name} has a webhook URL in the file`)
      if (s.api_url_file !== undefined) assert.ok(s.api_url_file.startsWith(SECRETS), `${r.name}: ${s.api_url_file}`)
    }
  }
  assert.doesNotMatch(fs.readFileSync(CONFIG, 'utf8'), /https?:\/\/hooks\./)
})

test('alerts are grouped by alertname and job (and artifact for artifact errors), with 30s / 5m / 4h timers', () => {
  const { route } = config
  assert.deepEqual([route.group_wait, route.group_interval, route.repeat_interval], ['30s', '5m', '4h'])
  assert.deepEqual(route.group_by, ['alertname', 'job'])
  const artifactRoute = route.routes?.find((r) => r.matchers?.some((m) => m.includes('PlanArtifactWriteErrors')))
  assert.deepEqual(artifactRoute?.group_by, ['alertname', 'job', 'artifact'])
  for (const child of route.routes ?? []) {
    const groupBy = child.group_by ?? route.group_by ?? []
    assert.ok(
      ['alertname', 'job'].every((l) => groupBy.includes(l)),
      `the route for ${child.matchers?.join(' ')} drops alertname or job from group_by`,
    )
  }
})
