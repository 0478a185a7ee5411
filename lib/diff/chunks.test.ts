// Chunk hashes (docs/diff.md, "Chunk hashes"): the diff joins only the chunks that differ, and its
// report is the one the join of every row gives — which is what a revision imported before chunk
// hashes existed gets, simulated here by deleting its chunks.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { REFERENCE, variantOf } from '../../test/helpers/fixtures'
import { importDir } from '../../test/helpers/input-sets'
import { getSql } from '../db/sql'
import type { CsvStem } from '../input-sets/bundle/sections'
import { parseInputSetRef } from '../input-sets/labels'
import { resolveRevisionOrThrow } from '../input-sets/store/resolve'
import { planSectionDiff, type ChunkPlan } from './chunks'
import { diffRevisions } from './diff'

await useFreshDatabase()
const on = `[${dbLabel()}]`

const FAMILIES = Array.from({ length: 30 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`)
const PERIODS = Array.from({ length: 6 }, (_, i) => `2025-0${i + 1}`)
const ITEMS = Array.from({ length: 30 }, (_, i) => `I${String(i + 1).padStart(2, '0')}`)

type DemandRow = { family: string; period: string; demand: string; note: string }
const demandCsv = (rows: DemandRow[]) => `family,period,demand,note\n${rows.map((r) => `${r.family},${r.period},${r.demand},${r.note}`).join('\n')}\n`

function baseDemand(): DemandRow[] {
  return FAMILIES.flatMap((family, f) => PERIODS.map((period, p) => ({ family, period, demand: `${100 + f * 10 + p}.1`, note: `n${p}` })))
}

const itemCsv = `${fs.readFileSync(path.join(REFERENCE.planning, 'item.csv'), 'utf8').trimEnd()}\n${ITEMS.map((i) => `${i},7,1,0`).join('\n')}\n`
type PoRow = { item: string; due: string; qty: number; po: string }
const openPoCsv = (rows: PoRow[]) => `item,due,qty,po_id\n${rows.map((r) => `${r.item},${r.due},${r.qty},${r.po}`).join('\n')}\n`
const basePos = (): PoRow[] =>
  ITEMS.flatMap((item, i) => [
    { item, due: '2025-01-10', qty: 10 + i, po: `PO-${i}` },
    { item, due: '2025-02-10', qty: 20 + i, po: '' },
  ])

async function load(label: string, demand: DemandRow[], pos: PoRow[]) {
  const { report } = await importDir(
    variantOf(REFERENCE.planning, { 'demand_family.csv': demandCsv(demand), 'item.csv': itemCsv, 'open_po.csv': openPoCsv(pos) }),
    label,
  )
  assert.equal(report.ok, true, JSON.stringify(report.issues.filter((i) => i.severity === 'error')))
}

const ids = (current: string, reference: string) =>
  getSql().withConnection(async (conn) => ({
    current: (await resolveRevisionOrThrow(conn, parseInputSetRef(current))).revisionId,
    previous: (await resolveRevisionOrThrow(conn, parseInputSetRef(reference))).revisionId,
  }))

const plan = async (stem: CsvStem, current: string, reference: string): Promise<ChunkPlan> => {
  const pair = await ids(current, reference)
  return getSql().withConnection((conn) => planSectionDiff(conn, stem, pair))
}

/** Drops a revision's chunk hashes and stored totals, as a revision imported before they existed has none. */
async function forgetChunks(label: string) {
  const { current } = await ids(label, label)
  await getSql().transaction(async (conn) => {
    await conn.db.deleteFrom('section_chunk').where('revision_id', '=', current).execute()
    await conn.db.updateTable('revision_section').set({ value_total: null }).where('revision_id', '=', current).execute()
  })
}

// The changed set: a changed value at the end of one family and the start of the next (F07 | F08),
// a row added to F10, a row removed from F12, F20 removed whole, F31 added whole, a float that
// differs only in its 17th digit (F15), an unknown column changed (F25); open_po: PO-3 moved to
// another item (I04 → I22), a po_id-less row changed (I09), PO-12 removed, a new PO on I28.
function changedDemand(): DemandRow[] {
  const rows = baseDemand()
    .filter((r) => r.family !== 'F20' && !(r.family === 'F12' && r.period === '2025-03'))
    .map((r) => {
      if (r.family === 'F07' && r.period === '2025-06') return { ...r, demand: '999.5' }
      if (r.family === 'F08' && r.period === '2025-01') return { ...r, demand: '0' }
      if (r.family === 'F15' && r.period === '2025-02') return { ...r, demand: '0.30000000000000004' }
      if (r.family === 'F25' && r.period === '2025-04') return { ...r, note: 'changed' }
      return r
    })
  rows.push({ family: 'F10', period: '2025-07', demand: '5', note: 'new' })
  for (const period of PERIODS) rows.push({ family: 'F31', period, demand: '7', note: 'whole' })
  return rows
}
function changedPos(): PoRow[] {
  const rows = basePos()
    .filter((r) => r.po !== 'PO-12')
    .map((r) => {
      if (r.po === 'PO-3') return { ...r, item: 'I22' }
      if (r.item === 'I09' && r.po === '') return { ...r, qty: 99 }
      return r
    })
  rows.push({ item: 'I28', due: '2025-03-01', qty: 4, po: 'PO-NEW' })
  return rows
}

const base = baseDemand().map((r) => (r.family === 'F15' && r.period === '2025-02' ? { ...r, demand: '0.3' } : r))
await load('base', base, basePos())
await load('same', base, basePos())
await load('changed', changedDemand(), changedPos())
// The same two sets again, to be diffed without chunk hashes.
await load('old-base', base, basePos())
await load('old-changed', changedDemand(), changedPos())
await forgetChunks('old-base')

/** The report without what names the revisions, which differ between the two pairs. */
async function report(current: string, reference: string) {
  const { label: _l, against: _a, revisions: _r, ...rest } = await diffRevisions(parseInputSetRef(current), parseInputSetRef(reference), { limit: 50_000 })
  return rest
}

test(`${on} the import stores one chunk per leading key value, covering every row`, async () => {
  const { current } = await ids('base', 'base')
  const chunks = await getSql().withConnection((conn) =>
    conn.db.selectFrom('section_chunk').select(['section', 'lead_key', 'rows']).where('revision_id', '=', current).orderBy('section').orderBy('lead_key').execute(),
  )
  const demand = chunks.filter((c) => c.section === 'demand_family')
  assert.deepEqual(
    demand.map((c) => c.lead_key),
    FAMILIES,
  )
  assert.ok(demand.every((c) => c.rows === PERIODS.length))
  assert.equal(chunks.filter((c) => c.section === 'open_po').length, ITEMS.length)
  // Sections of the reference bundle the upload kept (capacity, item, …) have chunks too.
  assert.ok(chunks.some((c) => c.section === 'capacity'))
})

test(`${on} the import stores the demand and capacity totals a diff reports, as the database sums them`, async () => {
  const { current } = await ids('changed', 'changed')
  const stored = await getSql().withConnection((conn) =>
    conn.db.selectFrom('revision_section').select(['section', 'value_total']).where('revision_id', '=', current).orderBy('section').execute(),
  )
  const summed = await getSql().withConnection((conn) =>
    conn.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('demand_row')
          .select((e) => e.fn.sum<number>('demand').as('d'))
          .where('revision_id', '=', current)
          .$asScalar()
          .as('demand'),
        eb
          .selectFrom('capacity_row')
          .select((e) => e.fn.sum<number>('capacity').as('c'))
          .where('revision_id', '=', current)
          .$asScalar()
          .as('capacity'),
      ])
      .executeTakeFirstOrThrow(),
  )
  const total = (section: string) => stored.find((s) => s.section === section)?.value_total
  assert.equal(total('demand_family'), summed.demand)
  assert.equal(total('capacity'), summed.capacity)
  assert.equal(total('item'), null)
})

test(`${on} only the chunks that differ are joined: changes at chunk edges, whole chunks added and removed`, async () => {
  const demand = await plan('demand_family', 'changed', 'base')
  assert.equal(demand.kind, 'chunks')
  assert.deepEqual([...(demand.kind === 'chunks' ? demand.keys : [])].sort(), ['F07', 'F08', 'F10', 'F12', 'F15', 'F20', 'F25', 'F31'])
  const pos = await plan('open_po', 'changed', 'base')
  assert.deepEqual([...(pos.kind === 'chunks' ? pos.keys : [])].sort(), ['I04', 'I09', 'I13', 'I22', 'I28'])
})

test(`${on} the chunked diff's report is the report of the join of every row`, async () => {
  assert.equal((await plan('demand_family', 'old-changed', 'old-base')).kind, 'all-rows')
  assert.equal((await plan('open_po', 'old-changed', 'old-base')).kind, 'all-rows')
  const chunked = await report('changed', 'base')
  assert.deepEqual(chunked, await report('old-changed', 'old-base'))
  assert.deepEqual(chunked.summary.sections.demand_family, { added: 7, removed: 7, changed: 4, unchanged: 169 })
  assert.deepEqual(chunked.summary.sections.open_po, { added: 1, removed: 1, changed: 2, unchanged: 57 })
  const float = chunked.sections.demand_family.changed.find((c) => c.key.family === 'F15')
  assert.equal(float?.fields.demand.current, 0.30000000000000004)
  // The other direction too.
  assert.deepEqual(await report('base', 'changed'), await report('old-base', 'old-changed'))
})

test(`${on} identical sets: no chunk differs, nothing is joined, every row is unchanged`, async () => {
  for (const stem of ['demand_family', 'open_po', 'capacity'] as const) {
    assert.deepEqual(await plan(stem, 'same', 'base'), { kind: 'chunks', keys: [], referenceRows: { capacity: 12, demand_family: 180, open_po: 60 }[stem] })
  }
  const r = await report('same', 'base')
  assert.deepEqual(r.summary.sections.demand_family, { added: 0, removed: 0, changed: 0, unchanged: 180 })
  assert.deepEqual(r.summary.sections.open_po, { added: 0, removed: 0, changed: 0, unchanged: 60 })
  assert.deepEqual(r, await report('old-base', 'base'))
})

test(`${on} a revision without chunk hashes is diffed by joining every row`, async () => {
  assert.deepEqual(await plan('demand_family', 'old-base', 'base'), { kind: 'all-rows', referenceRows: 180 })
  assert.deepEqual(await plan('demand_family', 'changed', 'old-base'), { kind: 'all-rows', referenceRows: 180 })
  assert.deepEqual(await report('changed', 'old-base'), await report('changed', 'base'))
})

test(`${on} when most chunks differ, every row is joined`, async () => {
  await load(
    'shifted',
    baseDemand().map((r) => ({ ...r, demand: String(Number(r.demand) + 0.5) })),
    basePos(),
  )
  assert.deepEqual(await plan('demand_family', 'shifted', 'base'), { kind: 'all-rows', referenceRows: 180 })
  assert.equal((await report('shifted', 'base')).summary.sections.demand_family.changed, 180)
})
