import type { ShortItem } from '@/lib/plans/plan-items'

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/**
 * The items whose projected inventory goes negative (a shortage), as a warning with the items
 * listed worst first: where each first goes short, how low it goes and for how many periods.
 */
export function ShortItemsWarning({ total, items }: { total: number; items: ShortItem[] }) {
  if (total === 0) return null
  return (
    <section className="warning-card warning-card-alone" aria-labelledby="short-items" data-kind="negative_inventory">
      <h2 id="short-items">
        {total} {total === 1 ? 'item has' : 'items have'} negative projected inventory
      </h2>
      <p>
        Their stock plus open-PO receipts does not cover their SKU demand: a shortage from the period shown on.
        {total > items.length && ` The ${items.length} lowest are listed; the items table below has every item by period.`}
      </p>
      <div className="table-wrap">
        <table className="data" aria-label="Items with negative projected inventory">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">First short in</th>
              <th scope="col" className="num">
                Lowest projected inventory
              </th>
              <th scope="col" className="num">
                Periods short
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.item}>
                <td className="label-cell">{s.item}</td>
                <td>{s.first_short_period}</td>
                <td className="num negative">{number.format(s.lowest_inventory)}</td>
                <td className="num">{s.short_periods}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
