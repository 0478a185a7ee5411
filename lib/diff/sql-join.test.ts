// The database-side join against a plain in-memory diff of the same generated rows: seeded
// random sets with added, removed and changed rows, NULLs in key and non-key columns, an
// unknown column, float noise, non-BMP keys and open_po rows with and without po_id.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { REFERENCE, variantOf } from '../../test/helpers/fixtures'
import { importDir } from '../../test/helpers/input-sets'
import { CSV_SECTIONS, type CsvStem } from '../input-sets/bundle/sections'
import { compareText } from './compare'
import { parseInputSetRef } from '../input-sets/labels'
import { diffRevisions } from './diff'

await useFreshDatabase()
const on = `[${dbLabel()}]`

type Value = string | number | null
type Row = Record<string, Value>
type Spec = { stem: CsvStem; columns: string[]; size: number; make: (i: number) => Row; mutate: (row: Row) => Row }

let seed = 20261125
/** A small deterministic generator in [0, 1): the same sets on every run and database. */
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
  return seed / 4294967296
}
const pick = <T>(...options: T[]) => options[Math.floor(random() * options.length)]
const pad = (n: number) => String(n).padStart(2, '0')
const noisy = (x: number) => x * (1 + 1e-12)

const CASES: Spec[] = [
  {
    stem: 'demand_family',
    columns: ['family', 'period', 'demand', 'note'],
    size: 3000,
    make: (i) => ({
      family: i % 97 === 0 ? `\u{1F600}${i % 300}` : i % 89 === 0 ? `\uFF21${i % 300}` : `F${i % 300}`,
      period: `2025-${pad(1 + (Math.floor(i / 300) % 12))}`,
      demand: i % 7 === 0 ? 0.1 + 0.2 : i,
      note: `n${i % 5}`,
    }),
    mutate: (r) => pick({ ...r, demand: Number(r.demand) + 5 }, { ...r, demand: noisy(Number(r.demand)) }, { ...r, note: 'edited' }),
  },
  {
    stem: 'open_po',
    columns: ['item', 'due', 'qty', 'po_id', 'source_node'],
    size: 2000,
    make: (i) => ({
      item: `IT${i % 40}`,
      due: `2025-0${1 + (Math.floor(i / 40) % 6)}-${pad(1 + Math.floor(i / 240))}`,
      qty: i + 1,
      po_id: i % 2 ? `PO${i}` : null,
      source_node: i % 3 ? 'N1' : null,
    }),
    mutate: (r) =>
      pick({ ...r, qty: Number(r.qty) * 2 }, { ...r, source_node: r.source_node ? null : 'N2' }, { ...r, po_id: r.po_id ? null : `PX${r.item}${r.due}` }),
  },
  {
    stem: 'inventory',
    columns: ['item', 'loc', 'qty', 'safety_stock'],
    size: 1000,
    make: (i) => ({ item: `I${i % 50}`, loc: `L${Math.floor(i / 50)}`, qty: i, safety_stock: i % 4 ? i / 4 : null }),
    mutate: (r) => pick({ ...r, qty: noisy(Number(r.qty) + 1) }, { ...r, safety_stock: r.safety_stock === null ? 3 : null }),
  },
  {
    stem: 'mix_share',
    columns: ['family', 'sku', 'share', 'effective_from'],
    size: 1500,
    make: (i) => ({
      family: `F${i % 30}`,
      sku: `S${Math.floor(i / 30) % 20}`,
      share: (i % 10) / 10,
      effective_from: [null, '2025-02-01', '2025-03-01'][Math.floor(i / 600)],
    }),
    mutate: (r) => ({ ...r, share: Number(r.share) === 0.9 ? 0.5 : Number(r.share) + 0.1 }),
  },
]

const csv = (spec: Spec, rows: Row[]) => [spec.columns.join(','), ...rows.map((r) => spec.columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n'

/** The reference set holds ~95 % of the rows; the current set ~95 %, a tenth of them edited. */
function generate(spec: Spec) {
  const all = Array.from({ length: spec.size }, (_, i) => spec.make(i))
  const reference = all.filter(() => random() < 0.95)
  const current = all.filter(() => random() < 0.95).map((r) => (random() < 0.1 ? spec.mutate(r) : r))
  return { reference, current }
}

/** open_po is matched on po_id when present, else on item + due; the rest on their key. */
function passOf(stem: CsvStem, row: Row): { pass: number; key: string[] } {
  if (stem === 'open_po') return row.po_id !== null ? { pass: 0, key: ['po_id'] } : { pass: 1, key: ['item', 'due'] }
  return { pass: 0, key: CSV_SECTIONS[stem].key }
}

function present(stem: CsvStem, row: Row): Row {
  const def = CSV_SECTIONS[stem]
  const named = Object.fromEntries(def.fields.map((f) => [f.name, row[f.name] ?? null]))
  const extra = Object.fromEntries(Object.entries(row).filter(([name]) => !def.fields.some((f) => f.name === name)))
  return { ...named, ...extra }
}

/** The plain diff: index both sides by pass and key, walk the keys in byte order. */
function expectedDiff(spec: Spec, reference: Row[], current: Row[]) {
  const index = (rows: Row[]) => new Map(rows.map((r) => [JSON.stringify(keyed(r)), r]))
  const keyed = (r: Row) => {
    const { pass, key } = passOf(spec.stem, r)
    return [pass, ...key.map((k) => r[k])]
  }
  const [prev, cur] = [index(reference), index(current)]
  const keys = [...new Set([...prev.keys(), ...cur.keys()])].map((k) => JSON.parse(k) as [number, ...(string | null)[]])
  keys.sort((a, b) => a[0] - b[0] || a.slice(1).reduce<number>((c, v, i) => c || compareText(v as string | null, b[i + 1] as string | null), 0))
  const out = { added: [] as Row[], removed: [] as Row[], changed: [] as [Row, string[]][], unchanged: 0 }
  for (const k of keys) {
    const [p, c] = [prev.get(JSON.stringify(k)), cur.get(JSON.stringify(k))]
    if (!p) out.added.push(present(spec.stem, c!))
    else if (!c) out.removed.push(present(spec.stem, p))
    else {
      const key = passOf(spec.stem, p).key
      const fields = spec.columns.filter((name) => !key.includes(name) && p[name] !== c[name])
      if (fields.length) out.changed.push([Object.fromEntries(key.map((n) => [n, p[n]])), fields])
      else out.unchanged++
    }
  }
  return out
}

const sets = CASES.map((spec) => ({ spec, ...generate(spec) }))
for (const [label, side] of [
  ['rand-ref', 'reference'],
  ['rand-cur', 'current'],
] as const) {
  const files = Object.fromEntries(sets.map((s) => [CSV_SECTIONS[s.spec.stem].file, csv(s.spec, s[side])]))
  const { report } = await importDir(variantOf(REFERENCE.planning, files), label)
  assert.equal(report.ok, true, JSON.stringify(report.issues.filter((i) => i.severity === 'error').slice(0, 5)))
}

test(`${on} random sets: the database join lists and counts exactly what an in-memory diff does`, async () => {
  const r = await diffRevisions(parseInputSetRef('rand-cur'), parseInputSetRef('rand-ref'), { limit: 100_000 })
  for (const { spec, reference, current } of sets) {
    const want = expectedDiff(spec, reference, current)
    const got = r.sections[spec.stem]
    const counts = { added: want.added.length, removed: want.removed.length, changed: want.changed.length, unchanged: want.unchanged }
    assert.deepEqual(r.summary.sections[spec.stem], counts, spec.stem)
    assert.ok(counts.added > 10 && counts.removed > 10 && counts.changed > 10, `${spec.stem} exercises every kind`)
    assert.deepEqual(got.added, want.added, spec.stem)
    assert.deepEqual(got.removed, want.removed, spec.stem)
    assert.deepEqual(
      got.changed.map((c) => [c.key, Object.keys(c.fields)]),
      want.changed,
      spec.stem,
    )
    assert.equal(got.truncated, false)
  }
})

test(`${on} random sets: demand pivot cells are the rows whose demand moved, in key order`, async () => {
  const r = await diffRevisions(parseInputSetRef('rand-cur'), parseInputSetRef('rand-ref'))
  const { reference, current } = sets[0]
  const value = new Map<string, { family: string; period: string; previous: number; current: number }>()
  for (const [rows, side] of [
    [reference, 'previous'],
    [current, 'current'],
  ] as const) {
    for (const row of rows) {
      const k = `${row.family}|${row.period}`
      const cell = value.get(k) ?? { family: String(row.family), period: String(row.period), previous: 0, current: 0 }
      cell[side] = Number(row.demand)
      value.set(k, cell)
    }
  }
  const want = [...value.values()]
    .map((c) => ({ ...c, delta: c.current - c.previous }))
    .filter((c) => c.delta !== 0)
    .sort((a, b) => compareText(a.family, b.family) || compareText(a.period, b.period))
  assert.deepEqual(r.pivots.demand, want)
})

test(`${on} random sets: a small limit keeps the first entries in key order and exact counts`, async () => {
  const full = await diffRevisions(parseInputSetRef('rand-cur'), parseInputSetRef('rand-ref'), { limit: 100_000 })
  const cut = await diffRevisions(parseInputSetRef('rand-cur'), parseInputSetRef('rand-ref'), { limit: 7 })
  for (const { spec } of sets) {
    assert.deepEqual(cut.summary.sections[spec.stem], full.summary.sections[spec.stem])
    for (const kind of ['added', 'removed', 'changed'] as const) assert.deepEqual(cut.sections[spec.stem][kind], full.sections[spec.stem][kind].slice(0, 7))
    assert.equal(cut.sections[spec.stem].truncated, true)
  }
})
