// A reference bundle and a draft whose capacity is tight enough to carry backlog, and the
// planning impact of the two computed straight from their CSV text, without the application's
// code: the test's own reading of docs/plans-and-runs.md and docs/impact.md.
import { planFiles } from './plans'
import type { Files } from './bundles'

/**
 * The reference is planFiles(). The draft raises January and February demand (more backlog
 * carried, SKU1 and SKU3 run out), cuts March capacity, and adds demand in 2025-04, a period
 * outside the calendar that only the draft's plan has.
 */
export function impactDraftFiles(): Files {
  return {
    ...planFiles(),
    'demand_family.csv': [
      'family,period,demand',
      'F1,2025-01,200',
      'F1,2025-02,150',
      'F1,2025-03,50',
      'F2,2025-01,80',
      'F2,2025-02,100',
      'F3,2025-03,30',
      'F1,2025-04,10',
    ].join('\n'),
    'capacity.csv': ['workcenter,period,capacity', 'WC1,2025-01,150', 'WC1,2025-02,0', 'WC1,2025-03,200', 'WC2,2025-03,50'].join('\n'),
  }
}

type Row = Record<string, string>

function rows(text: string | Buffer | undefined): Row[] {
  const [header, ...lines] = String(text ?? '')
    .trim()
    .split('\n')
  const names = header.split(',')
  return lines.filter((l) => l !== '').map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])))
}

const r6 = (x: number) => {
  const r = Math.round(x * 1e6) / 1e6
  return Object.is(r, -0) ? 0 : r
}

function sumBy(list: Row[], key: string, value: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of list) out.set(r[key], (out.get(r[key]) ?? 0) + Number(r[value]))
  return out
}

export type ExpectedPlan = {
  periods: { period: string; demand: number; capacity: number; supply: number; backlog: number; utilisation: number | null }[]
  /** Lowest projected inventory and the first period it is negative, per item. */
  items: Map<string, { min: number; firstShort: string | null }>
}

/**
 * The rough-cut plan of a bundle with a monthly calendar (`months`) and mix shares without
 * effective dates: periods of the calendar, then others by name; backlog carried forward;
 * POs due in a month land in it (a due date before the horizon in the first month, after it
 * nowhere); inventory carried forward with SKU demand = family demand × share.
 */
export function expectedPlan(files: Files, months: string[]): ExpectedPlan {
  const demandRows = rows(files['demand_family.csv'])
  const demand = sumBy(demandRows, 'period', 'demand')
  const capacity = sumBy(rows(files['capacity.csv']), 'period', 'capacity')
  const extra = [...new Set([...demand.keys(), ...capacity.keys()])].filter((p) => !months.includes(p)).sort()
  const periods = [...months, ...extra]
  let carried = 0
  const planned = periods.map((period) => {
    const d = demand.get(period) ?? 0
    const c = capacity.get(period) ?? 0
    const supply = Math.min(d + carried, c)
    const backlog = d + carried - supply
    carried = backlog
    return { period, demand: r6(d), capacity: r6(c), supply: r6(supply), backlog: r6(backlog), utilisation: c > 0 ? r6(supply / c) : null }
  })
  const shares = rows(files['mix_share.csv'])
  const stock = sumBy(rows(files['inventory.csv']), 'item', 'qty')
  const receipts = new Map<string, number>()
  for (const po of rows(files['open_po.csv'])) {
    const month = po.due.slice(0, 7)
    const at = po.due < `${months[0]}-01` ? months[0] : months.includes(month) ? month : undefined
    if (at) receipts.set(`${po.item}|${at}`, (receipts.get(`${po.item}|${at}`) ?? 0) + Number(po.qty))
  }
  const items = new Set([...shares.map((s) => s.sku), ...stock.keys(), ...[...receipts.keys()].map((k) => k.split('|')[0])])
  const lows = new Map<string, { min: number; firstShort: string | null }>()
  for (const item of items) {
    let level = stock.get(item) ?? 0
    let low = { min: Infinity, firstShort: null as string | null }
    for (const period of periods) {
      const used = shares
        .filter((s) => s.sku === item)
        .reduce(
          (sum, s) => sum + demandRows.filter((d) => d.family === s.family && d.period === period).reduce((t, d) => t + Number(d.demand) * Number(s.share), 0),
          0,
        )
      level = r6(level + (receipts.get(`${item}|${period}`) ?? 0) - used)
      low = { min: Math.min(low.min, level), firstShort: low.firstShort ?? (level < 0 ? period : null) }
    }
    lows.set(item, low)
  }
  return { periods: planned, items: lows }
}

/** The report's summary, periods and items for `current` against `reference`, with the default limits (0.95, 0). */
export function expectedImpact(current: ExpectedPlan, reference: ExpectedPlan) {
  const summary = (p: ExpectedPlan) => {
    const peak = p.periods
      .filter((x) => x.utilisation !== null)
      .reduce<(typeof p.periods)[number] | null>((a, x) => (a && a.utilisation! >= x.utilisation! ? a : x), null)
    return {
      peak_utilisation: peak?.utilisation ?? null,
      peak_period: peak?.period ?? null,
      ending_backlog: p.periods.at(-1)?.backlog ?? 0,
      periods_over_capacity: p.periods.filter((x) => x.demand + (p.periods[p.periods.indexOf(x) - 1]?.backlog ?? 0) > x.capacity).length,
      short_items: [...p.items.values()].filter((l) => l.min < 0).length,
    }
  }
  const figures = ({ demand, capacity, supply, backlog, utilisation }: ExpectedPlan['periods'][number]) => ({ demand, capacity, supply, backlog, utilisation })
  const names = [...current.periods.map((p) => p.period), ...reference.periods.map((p) => p.period).filter((p) => !current.periods.some((c) => c.period === p))]
  const periods = names.map((period) => {
    const c = current.periods.find((p) => p.period === period)
    const r = reference.periods.find((p) => p.period === period)
    const warnings: string[] = []
    if (c?.utilisation != null && c.utilisation > 0.95) warnings.push('utilisation')
    if (c && c.backlog > 0) warnings.push('backlog')
    return {
      period,
      in: c && r ? 'both' : c ? 'current' : 'reference',
      current: c ? figures(c) : null,
      reference: r ? figures(r) : null,
      delta:
        c && r
          ? {
              demand: r6(c.demand - r.demand),
              capacity: r6(c.capacity - r.capacity),
              supply: r6(c.supply - r.supply),
              backlog: r6(c.backlog - r.backlog),
              utilisation: c.utilisation === null || r.utilisation === null ? null : r6(c.utilisation - r.utilisation),
            }
          : null,
      warnings,
    }
  })
  const shortfall = (l?: { min: number }) => (l && l.min < 0 ? -l.min : 0)
  const items = [...new Set([...current.items.keys(), ...reference.items.keys()])]
    .map((item) => {
      const c = current.items.get(item)
      const r = reference.items.get(item)
      const change = shortfall(c) > 0 && shortfall(r) > 0 ? 'still_short' : shortfall(c) > 0 ? 'newly_short' : shortfall(r) > 0 ? 'no_longer_short' : null
      return {
        item,
        change,
        period_first_short: c?.firstShort ?? null,
        reference_period_first_short: r?.firstShort ?? null,
        current_min: c?.min ?? null,
        reference_min: r?.min ?? null,
        shortfall_change: r6(shortfall(c) - shortfall(r)),
      }
    })
    .filter((i) => i.change !== null)
  const rank = ['newly_short', 'still_short', 'no_longer_short']
  items.sort((a, b) => rank.indexOf(a.change!) - rank.indexOf(b.change!) || b.shortfall_change - a.shortfall_change || a.item.localeCompare(b.item))
  return { summary: { current: summary(current), reference: summary(reference) }, periods, items }
}
