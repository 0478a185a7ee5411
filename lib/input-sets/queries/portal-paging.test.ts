// The portal's paged reads: list order from the URL's sort keys, and the history in pages —
// on the database selected by TEST_DB.
import { reader } from '../../../test/helpers/access'
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'
import { REFERENCE } from '../../../test/helpers/fixtures'
import { bob, importDir } from '../../../test/helpers/input-sets'
import { InvalidError, NotFoundError } from '../../errors'
import { reviewInputSet } from '../verbs/review'
import { listEvents, listEventsPage } from './events'
import { listInputSetPage } from './list'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const labels = (page: Awaited<ReturnType<typeof listInputSetPage>>) => page.data.map((s) => s.label)

test(`${on} list: sorts by label, last update or status in either direction, the label breaking ties, and pages after sorting`, async () => {
  // Imported in this order, so updated_at rises b → c → a; only b is approved (ready).
  for (const label of ['b-set', 'c-set', 'a-set']) await importDir(REFERENCE.planning, label)
  await reviewInputSet({ ref: 'b-set', action: 'approve', actor: bob })
  const page = (sort: 'label' | 'updated' | 'status', dir: 'asc' | 'desc', n = 1, pageSize = 10) => listInputSetPage(reader, { sort, dir, page: n, pageSize })

  assert.deepEqual(labels(await page('label', 'asc')), ['a-set', 'b-set', 'c-set'])
  assert.deepEqual(labels(await page('label', 'desc')), ['c-set', 'b-set', 'a-set'])
  // The approval touched b-set last.
  assert.deepEqual(labels(await page('updated', 'desc')), ['b-set', 'a-set', 'c-set'])
  assert.deepEqual(labels(await page('updated', 'asc')), ['c-set', 'a-set', 'b-set'])
  // draft before ready; ties (the two drafts) by label, ascending in both directions.
  assert.deepEqual(labels(await page('status', 'asc')), ['a-set', 'c-set', 'b-set'])
  assert.deepEqual(labels(await page('status', 'desc')), ['b-set', 'a-set', 'c-set'])
  assert.deepEqual(labels(await page('label', 'desc', 2, 2)), ['a-set'])
  const unsorted = await listInputSetPage(reader, { page: 1, pageSize: 10 })
  assert.deepEqual(labels(unsorted), ['a-set', 'b-set', 'c-set'])
})

test(`${on} history pages: newest first with the total, the same events as listEvents, nothing past the end`, async () => {
  // upload, approve (b-set) + a second upload → three events.
  await importDir(REFERENCE.weekly, 'b-set')
  const all = await listEvents(reader, 'b-set', 500)
  assert.equal(all.events.length, 3)
  const first = await listEventsPage(reader, 'b-set', { page: 1, pageSize: 2 })
  const second = await listEventsPage(reader, 'b-set', { page: 2, pageSize: 2 })
  assert.deepEqual([first.total, first.page, first.page_size], [3, 1, 2])
  assert.deepEqual([...first.events, ...second.events], all.events)
  assert.deepEqual(first.input_set, all.input_set)
  assert.deepEqual((await listEventsPage(reader, 'b-set', { page: 3, pageSize: 2 })).events, [])
})

test(`${on} history pages: bad paging is refused, an unknown label is not found`, async () => {
  await assert.rejects(listEventsPage(reader, 'b-set', { page: 0, pageSize: 10 }), InvalidError)
  await assert.rejects(listEventsPage(reader, 'b-set', { page: 1, pageSize: 501 }), InvalidError)
  await assert.rejects(listEventsPage(reader, 'nope', { page: 1, pageSize: 10 }), NotFoundError)
})
