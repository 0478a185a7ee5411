// The cached report's schema: a report as a job writes it passes without its lists being
// copied; each kind of damage is refused naming where it is; and the hand-written guards for
// list entries accept exactly what the zod schemas of those entries accept.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { cachedDiffSchema, changedRowSchema, sectionDiffSchema } from './report-schema'

const change = { previous: 120, current: 125, delta: 5, relative: 5 / 120, within_tolerance: false }

function cachedDoc() {
  const counts = { added: 1, removed: 0, changed: 1, unchanged: 3 }
  const empty = { added: [], removed: [], changed: [], truncated: false }
  return structuredClone({
    diff_job_id: 7,
    generated_at: '2026-01-02T03:04:05.678Z',
    duration_ms: 12,
    report: {
      label: 'next',
      against: 'base',
      revisions: { current: { label: 'next', revision: 2, content_hash: 'a'.repeat(64) }, reference: { label: 'base', revision: 1, content_hash: 'b'.repeat(64) } },
      tolerance: { abs: 0, rel: 0 },
      limit: 50_000,
      summary: {
        sections: { demand_family: counts, planning_calendar: { added: 0, removed: 0, changed: 0, unchanged: 3 } },
        demand_total: { current: 305, reference: 300, delta: 5 },
        capacity_total: { current: 0, reference: 0, delta: 0 },
      },
      sections: {
        demand_family: {
          added: [{ family: 'F3', period: '2025-01', demand: 5, extra_json: null }],
          removed: [],
          changed: [{ key: { family: 'F1', period: '2025-02' }, fields: { demand: change }, within_tolerance: false }],
          truncated: false,
        },
        planning_calendar: { ...empty, header: { week_unit: { previous: 'day', current: 'week' } } },
      },
      pivots: { demand: [{ family: 'F1', period: '2025-02', previous: 120, current: 125, delta: 5 }], capacity: [] },
    },
  })
}

/** The issue paths of a refused document, as `a.b.0` strings. */
function refusedAt(doc: unknown): string[] {
  const r = cachedDiffSchema.safeParse(doc)
  assert.equal(r.success, false, 'the damaged document was accepted')
  return r.error!.issues.map((i) => i.path.join('.'))
}

test('a report as a job writes it passes, and its lists are the very arrays read from the file', () => {
  const doc = cachedDoc()
  const r = cachedDiffSchema.safeParse(doc)
  assert.ok(r.success, JSON.stringify(r.error?.issues))
  assert.equal(r.data.report.sections.demand_family.changed, doc.report.sections.demand_family.changed, 'not copied')
  assert.deepEqual(r.data, doc)
})

test('each kind of damage is refused, naming where it is', () => {
  const cases: [string, (d: ReturnType<typeof cachedDoc>) => void, string][] = [
    ['no report', (d) => delete (d as Partial<typeof d>).report, 'report'],
    ['no revisions', (d) => delete (d.report as Partial<typeof d.report>).revisions, 'report.revisions'],
    ['a hash that is not text', (d) => ((d.report.revisions.current as Record<string, unknown>).content_hash = 1), 'report.revisions.current.content_hash'],
    [
      'no lists in a section',
      (d) => delete (d.report.sections.demand_family as Partial<typeof d.report.sections.demand_family>).added,
      'report.sections.demand_family.added',
    ],
    ['a list that is an object', (d) => ((d.report.sections.demand_family as Record<string, unknown>).removed = {}), 'report.sections.demand_family.removed'],
    ['a row that is a string', (d) => ((d.report.sections.demand_family.added as unknown[])[0] = 'F3,2025-01,5'), 'report.sections.demand_family.added.0'],
    [
      'a changed row without fields',
      (d) => delete (d.report.sections.demand_family.changed[0] as Partial<(typeof d.report.sections.demand_family.changed)[0]>).fields,
      'report.sections.demand_family.changed.0',
    ],
    [
      'a delta that is text',
      (d) => ((d.report.sections.demand_family.changed[0].fields.demand as Record<string, unknown>).delta = '5'),
      'report.sections.demand_family.changed.0',
    ],
    [
      'a calendar header change without its values',
      (d) => ((d.report.sections.planning_calendar.header as Record<string, unknown>).week_unit = {}),
      'report.sections.planning_calendar.header.week_unit.previous',
    ],
    ['a negative count', (d) => (d.report.summary.sections.demand_family.added = -1), 'report.summary.sections.demand_family.added'],
    ['a section without counts', (d) => delete (d.report.summary.sections as Partial<typeof d.report.summary.sections>).planning_calendar, 'report.sections'],
    [
      'a pivot cell without its delta',
      (d) => delete (d.report.pivots.demand[0] as Partial<(typeof d.report.pivots.demand)[0]>).delta,
      'report.pivots.demand.0.delta',
    ],
    ['a job id that is text', (d) => ((d as Record<string, unknown>).diff_job_id = '7'), 'diff_job_id'],
    ['a time that is not one', (d) => (d.generated_at = 'yesterday'), 'generated_at'],
  ]
  for (const [what, damage, path] of cases) {
    const doc = cachedDoc()
    damage(doc)
    assert.ok(refusedAt(doc).includes(path), `${what}: expected an issue at ${path}, got ${JSON.stringify(refusedAt(doc))}`)
  }
  assert.deepEqual(refusedAt(null), [''])
  assert.deepEqual(refusedAt([]), [''])
})

test('the list guards accept exactly the changed rows the zod schema accepts', () => {
  const samples: unknown[] = [
    { key: { family: 'F1' }, fields: { demand: change }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { note: { previous: 'a', current: 'b' } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { note: { previous: null, current: { x: 1 } } }, within_tolerance: true },
    { key: { family: 'F1' }, fields: {}, within_tolerance: true },
    { key: { family: 'F1' }, fields: { demand: { ...change, relative: null } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: { current: 1 } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: { previous: 1 } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: { ...change, delta: '5' } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: { ...change, relative: 'x' } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: { ...change, within_tolerance: 1 } }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: 5 }, within_tolerance: false },
    { key: { family: 'F1' }, fields: { demand: [] }, within_tolerance: false },
    { key: { family: 'F1' }, fields: [], within_tolerance: false },
    { key: ['F1'], fields: {}, within_tolerance: false },
    { key: 'F1', fields: {}, within_tolerance: false },
    { key: { family: 'F1' }, fields: {}, within_tolerance: 'no' },
    { key: { family: 'F1' }, fields: {} },
    null,
    'row',
    [],
  ]
  for (const sample of samples) {
    const byZod = changedRowSchema.safeParse(sample).success
    const byGuard = sectionDiffSchema.safeParse({ added: [], removed: [], changed: [sample], truncated: false }).success
    assert.equal(byGuard, byZod, `guard and schema disagree on ${JSON.stringify(sample)}`)
  }
})
