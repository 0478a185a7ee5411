// A section's rows of a diff report as CSV: changed rows spread each field into reference,
// current, delta and relative columns (blank where that row's field did not change); text that
// a spreadsheet would run as a formula is guarded as in exports; a missing section is undefined.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { CachedDiff } from './cache'
import { diffRowsCsv } from './rows-csv'

const num = (previous: number, current: number) => ({
  previous,
  current,
  delta: current - previous,
  relative: (current - previous) / previous,
  within_tolerance: false,
})

// Only the part of a report the CSV reads.
const cached = {
  report: {
    sections: {
      item: {
        added: [{ item: '=HYPERLINK("http://x","y")', description: 'plain, with a comma' }],
        removed: [],
        changed: [
          { key: { item: 'SKU1' }, fields: { cost: num(10, 12) }, within_tolerance: false },
          {
            key: { item: 'SKU2' },
            fields: { lead_time: num(4, 5), description: { previous: 'a', current: '@b', within_tolerance: false } },
            within_tolerance: false,
          },
        ],
        truncated: false,
      },
    },
  },
} as unknown as CachedDiff

const pair = { current: { label: 'next', kind: 'number', number: 2 }, reference: { label: 'base', kind: 'number', number: 1 } } as const

const text = (kind: 'added' | 'changed') => [...diffRowsCsv(cached, pair, 'item', kind)!.lines].join('')

test('changed rows: key, then reference, current, delta and relative per field, blank where that row did not change it', () => {
  assert.equal(
    text('changed'),
    [
      'item,cost_reference,cost_current,cost_delta,cost_relative,lead_time_reference,lead_time_current,lead_time_delta,lead_time_relative,description_reference,description_current,description_delta,description_relative,within_tolerance',
      'SKU1,10,12,2,0.2,,,,,,,,,false',
      "SKU2,,,,,4,5,1,0.25,a,'@b,,,false",
      '',
    ].join('\n'),
  )
})

test('added rows keep their columns; formula-like text is guarded, commas quoted; the file name names both revisions', () => {
  assert.equal(text('added'), 'item,description\n"\'=HYPERLINK(""http://x"",""y"")","plain, with a comma"\n')
  assert.equal(diffRowsCsv(cached, pair, 'item', 'added')?.fileName, 'diff_next@2__base@1_item_added.csv')
  assert.equal(diffRowsCsv(cached, pair, 'capacity', 'changed'), undefined)
})
