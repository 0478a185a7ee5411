// The planning impact reads the SKU split of items fed only by unchanged families once for both
// revisions (docs/impact.md, "Jobs and the cache"): its report is the one computed from two plans
// made apart, and from the CSVs, whether one family differs, none does, or the calendars differ
// (then nothing is shared).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csv, monthlyCalendar, type Files } from '../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { expectedImpact, expectedPlan } from '../../test/helpers/impact'
import { planFiles, readySet } from '../../test/helpers/plans'
import { revisionInfo } from '../diff/diff'
import { getSql } from '../db/sql'
import { impactLimitsOf } from '../input-sets/bundle/params'
import { parseInputSetRef } from '../input-sets/labels'
import { readRevisionParams } from '../input-sets/store/inherited-context'
import { resolveRevisionOrThrow } from '../input-sets/store/resolve'
import { computePlanCore } from '../plans/rough-cut'
import { compareRoughCuts, planDigester } from './compare'
import { computeImpact } from './compute'
import { computePlanPair } from './plan-pair'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const MONTHS = ['2025-01', '2025-02', '2025-03']

/** SKU2 is fed by F1 and F2, SKU3 by F2 alone, SKU1 by F1 and SKU4 by F4; SKU4 goes short. */
function referenceFiles(): Files {
  const base = planFiles()
  return {
    ...base,
    'demand_family.csv': `${String(base['demand_family.csv']).trimEnd()}\nF4,2025-01,40\nF4,2025-02,40\nF4,2025-03,40\n`,
    'mix_share.csv': csv('family,sku,share', 'F1,SKU1,0.6', 'F1,SKU2,0.4', 'F2,SKU2,0.5', 'F2,SKU3,0.5', 'F4,SKU4,1'),
    'inventory.csv': csv('item,loc,qty', 'SKU1,WH1,50', 'SKU3,WH1,100', 'SKU4,WH1,60', 'COMP1,WH1,200'),
  }
}

/** F2's demand raised in February: SKU2 and SKU3 change, SKU1 and SKU4 do not. */
function oneFamilyFiles(): Files {
  const files = referenceFiles()
  return { ...files, 'demand_family.csv': String(files['demand_family.csv']).replace('F2,2025-02,40', 'F2,2025-02,400') }
}

/** The same rows over a calendar with one more month: the mix in effect could differ, so nothing is shared. */
function longerCalendarFiles(): Files {
  return { ...oneFamilyFiles(), 'planning_calendar.json': monthlyCalendar([...MONTHS, '2025-04']) }
}

await readySet('pp', referenceFiles())
await readySet('pp', oneFamilyFiles(), { approve: false })
await readySet('pp-cal', referenceFiles())
await readySet('pp-cal', longerCalendarFiles(), { approve: false })

/** The report as it was computed before the plans shared work: each plan on its own. */
async function reportFromSeparatePlans(currentRef: string, referenceRef: string) {
  return getSql().withConnection(async (conn) => {
    const current = await resolveRevisionOrThrow(conn, parseInputSetRef(currentRef))
    const reference = await resolveRevisionOrThrow(conn, parseInputSetRef(referenceRef))
    const [now, before] = [planDigester(), planDigester()]
    const nowPlan = await computePlanCore(conn, current.revisionId, now.onItemRow)
    const beforePlan = await computePlanCore(conn, reference.revisionId, before.onItemRow)
    return {
      label: current.label,
      against: reference.label,
      revisions: { current: revisionInfo(current), reference: revisionInfo(reference) },
      ...compareRoughCuts(now.digest(nowPlan), before.digest(beforePlan), impactLimitsOf(await readRevisionParams(conn, current.revisionId))),
    }
  })
}

async function sharedItems(currentRef: string, referenceRef: string): Promise<number> {
  return getSql().withConnection(async (conn) => {
    const current = await resolveRevisionOrThrow(conn, parseInputSetRef(currentRef))
    const reference = await resolveRevisionOrThrow(conn, parseInputSetRef(referenceRef))
    const pair = await computePlanPair(conn, { current: current.revisionId, reference: reference.revisionId }, { current: () => {}, reference: () => {} })
    return pair.sharedItems
  })
}

const cases = [
  { name: 'one family differs: the two items only unchanged families feed are shared', current: 'pp@draft', reference: 'pp', shared: 2 },
  { name: 'no family differs: every item of the split is shared', current: 'pp', reference: 'pp', shared: 4 },
  { name: 'the calendars differ: no item is shared', current: 'pp-cal@draft', reference: 'pp-cal', shared: 0 },
]

for (const c of cases) {
  test(`${on} ${c.name}, and the report equals the one from two plans computed apart`, async () => {
    assert.equal(await sharedItems(c.current, c.reference), c.shared)
    const report = await computeImpact(parseInputSetRef(c.current), parseInputSetRef(c.reference))
    assert.equal(JSON.stringify(report), JSON.stringify(await reportFromSeparatePlans(c.current, c.reference)))
  })
}

test(`${on} with one family differing, the report equals the impact computed from the CSVs (items of both kinds short: shared SKU1 and SKU4, changed SKU2 and SKU3)`, async () => {
  const report = await computeImpact(parseInputSetRef('pp@draft'), parseInputSetRef('pp'))
  const expected = expectedImpact(expectedPlan(oneFamilyFiles(), MONTHS), expectedPlan(referenceFiles(), MONTHS))
  assert.deepEqual(report.summary, expected.summary)
  assert.deepEqual(report.periods, expected.periods)
  assert.deepEqual(report.items, expected.items)
  assert.deepEqual(
    report.items.map((i) => [i.item, i.change]),
    [
      ['SKU3', 'newly_short'],
      ['SKU2', 'still_short'],
      ['SKU1', 'still_short'],
      ['SKU4', 'still_short'],
    ],
  )
})
