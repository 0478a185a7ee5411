// A small, realistic bundle the product ships for set-up and demos: 6 product
// families over 12 monthly periods of 2026 with weekly calendar entries, capacity
// for 3 work centres, mix shares, items, BOM, inventory and open POs.
import fs from 'node:fs'
import path from 'node:path'

const YEAR = 2026
const FAMILIES = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO', 'FOXTROT']
const WORKCENTERS = ['ASSEMBLY', 'PACKING', 'PAINT']

const pad = (n: number) => String(n).padStart(2, '0')
const periodKey = (m: number) => `${YEAR}-${pad(m)}`
const daysIn = (m: number) => new Date(Date.UTC(YEAR, m, 0)).getUTCDate()
const isoDay = (m: number, d: number) => `${YEAR}-${pad(m)}-${pad(d)}`

/** Demand with a seasonal swing; `bump` scales one family to make a visible revision change. */
function demand(f: number, m: number, bump: number): number {
  const base = 400 + 90 * f
  const season = 1 + 0.25 * Math.sin(((m - 1) / 12) * 2 * Math.PI + f)
  return Math.round(base * season * (f === 0 ? bump : 1))
}

function calendar() {
  const periods = []
  for (let m = 1; m <= 12; m++) {
    const weeks = []
    for (let start = 1, seq = 1; start <= daysIn(m); start += 7, seq++) {
      const end = Math.min(start + 6, daysIn(m))
      weeks.push({ week_code: `${periodKey(m)}-W${seq}`, sequence: seq, start_date: isoDay(m, start), end_date: isoDay(m, end), weight: end - start + 1 })
    }
    periods.push({ period: periodKey(m), start_date: isoDay(m, 1), end_date: isoDay(m, daysIn(m)), weeks })
  }
  return { calendar_type: 'monthly', week_unit: 'day', periods }
}

export function sampleBundleFiles(bump = 1): Record<string, string> {
  const csv = (header: string, rows: (string | number)[][]) => `${[header, ...rows.map((r) => r.join(','))].join('\n')}\n`
  const months = Array.from({ length: 12 }, (_, i) => i + 1)
  const skus = FAMILIES.flatMap((f) => [`${f}-S`, `${f}-L`])
  return {
    'demand_family.csv': csv(
      'family,period,demand',
      FAMILIES.flatMap((f, i) => months.map((m) => [f, periodKey(m), demand(i, m, bump)])),
    ),
    'capacity.csv': csv(
      'workcenter,period,capacity,resource_type',
      WORKCENTERS.flatMap((w, i) => months.map((m) => [w, periodKey(m), 1400 + 300 * i, 'workcenter'])),
    ),
    'mix_share.csv': csv(
      'family,sku,share',
      FAMILIES.flatMap((f) => [
        [f, `${f}-S`, 0.6],
        [f, `${f}-L`, 0.4],
      ]),
    ),
    'item.csv': csv('item,lt,lot,moq', [...skus.map((s) => [s, 7, 10, 0]), ['FRAME', 14, 50, 100], ['PANEL', 10, 25, 50]]),
    'bom.csv': csv(
      'parent,child,qty',
      skus.flatMap((s) => [
        [s, 'FRAME', 1],
        [s, 'PANEL', s.endsWith('-L') ? 3 : 2],
      ]),
    ),
    'inventory.csv': csv('item,loc,qty,safety_stock', [
      ...skus.map((s, i) => [s, 'DC-EAST', 100 + 20 * i, 50]),
      ['FRAME', 'PLANT-1', 800, 200],
      ['PANEL', 'PLANT-1', 1500, 300],
    ]),
    'open_po.csv': csv('item,due,qty,po_id', [
      ['FRAME', `${YEAR}-01-15`, 500, 'PO-1001'],
      ['PANEL', `${YEAR}-02-10`, 1200, 'PO-1002'],
      ['FRAME', `${YEAR}-03-12`, 400, 'PO-1003'],
    ]),
    'period_cost.csv': csv(
      'period,cost',
      months.map((m) => [periodKey(m), 1000 + 25 * m]),
    ),
    'period_score.csv': csv(
      'period,score',
      months.map((m) => [periodKey(m), m % 3 === 0 ? 0.9 : 1]),
    ),
    'planning_calendar.json': `${JSON.stringify(calendar(), null, 2)}\n`,
    'planning_params.json': `${JSON.stringify({ tolerance_abs: 0.000001, tolerance_rel: 0.000001, carryover_mode: 'auto', carryover_split: 0.8, lt_unit: 'day', recon_window_days: 14, default_anchor_policy: 'DET_near' }, null, 2)}\n`,
  }
}

export function writeSampleBundle(dir: string, bump = 1): string {
  fs.mkdirSync(dir, { recursive: true })
  for (const [name, content] of Object.entries(sampleBundleFiles(bump))) fs.writeFileSync(path.join(dir, name), content)
  return dir
}
