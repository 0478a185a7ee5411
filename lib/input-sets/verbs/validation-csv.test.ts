// Errors found inside one CSV file (docs/bundles.md, "Import rules") — header, cells, keys,
// encoding, CSV syntax — each asserted at its exact {severity, code, file, row, column} (row = line
// in the file, header = 1), and the promise of docs/bundles.md ("Content hash") that BOM, column
// order, row order and number spelling leave the content hash alone. Validate-only runs on
// in-memory files, on the database TEST_DB selects.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csv, dump, err, errorsOf, validate, validFiles, warn, warningsOf, writeFiles, tempDir, validatePath } from '../../../test/helpers/bundles'
import { dbLabel, useFreshDatabase } from '../../../test/helpers/database'

await useFreshDatabase()
const on = `[${dbLabel()}]`

// The columns of docs/bundles.md ("Columns"), written out here (not read from bundle/sections.ts) so the
// code is checked against the documentation:
// every column of each file with a valid value, and which columns are required.
const DOCUMENTED: Record<string, { row: Record<string, string>; required: string[]; numeric: string[] }> = {
  'demand_family.csv': { row: { family: 'F1', period: '2025-01', demand: '10' }, required: ['family', 'period', 'demand'], numeric: ['demand'] },
  'capacity.csv': {
    row: { workcenter: 'WC1', period: '2025-01', capacity: '10', resource_type: 'node' },
    required: ['workcenter', 'period', 'capacity'],
    numeric: ['capacity'],
  },
  'mix_share.csv': {
    row: { family: 'F1', sku: 'S1', share: '1', effective_from: '2025-01-01', effective_to: '2025-12-31' },
    required: ['family', 'sku', 'share'],
    numeric: ['share'],
  },
  'inventory.csv': {
    row: { item: 'I1', loc: 'L1', qty: '1', safety_stock: '0', reorder_point: '2', order_up_to: '5' },
    required: ['item', 'loc', 'qty'],
    numeric: ['qty', 'safety_stock', 'reorder_point', 'order_up_to'],
  },
  'open_po.csv': {
    row: { item: 'I1', due: '2025-01-10', qty: '1', po_id: 'P1', source_node: 'S', dest_node: 'D' },
    required: ['item', 'due', 'qty'],
    numeric: ['qty'],
  },
  'period_cost.csv': { row: { period: '2025-01', cost: '1' }, required: ['period', 'cost'], numeric: ['cost'] },
  'period_score.csv': { row: { period: '2025-01', score: '1' }, required: ['period', 'score'], numeric: ['score'] },
  'item.csv': { row: { item: 'I1', lt: '1', lot: '1', moq: '0' }, required: ['item'], numeric: ['lt', 'lot', 'moq'] },
  'bom.csv': { row: { parent: 'P', child: 'C', qty: '1' }, required: ['parent', 'child', 'qty'], numeric: ['qty'] },
}

/** The file with its header, one valid row (line 2) and a second row (line 3) with `change` applied. */
function fileWith(file: string, change: Record<string, string> = {}, drop?: string): string {
  const columns = Object.keys(DOCUMENTED[file].row).filter((c) => c !== drop)
  return csv(columns.join(','), columns.map((c) => DOCUMENTED[file].row[c]).join(','), columns.map((c) => change[c] ?? DOCUMENTED[file].row[c]).join(','))
}

for (const [file, documented] of Object.entries(DOCUMENTED)) {
  for (const column of documented.required) {
    test(`${on} ${file} without required column '${column}' is an error at row 1, column ${column}`, async () => {
      const r = await validate({ [file]: fileWith(file, {}, column) })
      assert.deepEqual(errorsOf(r), [err('missing_column', file, 1, column)], dump(r))
      assert.equal(r.ok, false)
    })
    test(`${on} ${file} with an empty (or blank) '${column}' is an error at that row and column`, async () => {
      const r = await validate({ [file]: fileWith(file, { [column]: '  ' }) })
      assert.deepEqual(errorsOf(r), [err('empty_value', file, 3, column)], dump(r))
    })
  }
  for (const column of documented.numeric) {
    test(`${on} ${file}: non-numeric '${column}' is an error at its row and column, not coerced`, async () => {
      const r = await validate({ [file]: fileWith(file, { [column]: '12abc' }) })
      assert.deepEqual(errorsOf(r), [err('not_a_number', file, 3, column)], dump(r))
      assert.deepEqual(r.files[file.replace('.csv', '') as 'bom'], { rows_read: 2, rows_accepted: 1 })
    })
  }
}

test(`${on} 'NaN', 'Infinity', '12abc', '0x10' and '1,5' are not numbers; '-0', '+3', '.5', '1e3' are`, async () => {
  const r = await validate({
    'period_cost.csv': csv(
      'period,cost',
      '2025-01,NaN',
      '2025-02,Infinity',
      '2025-03,12abc',
      '2025-04,0x10',
      '2025-05,"1,5"',
      '2025-06,-0',
      '2025-07,+3',
      '2025-08,.5',
      '2025-09,1e3',
      '2025-10,-Infinity',
    ),
  })
  assert.deepEqual(
    errorsOf(r),
    [2, 3, 4, 5, 6, 11].map((row) => err('not_a_number', 'period_cost.csv', row, 'cost')),
    dump(r),
  )
  assert.deepEqual(r.files.period_cost, { rows_read: 10, rows_accepted: 4 })
})

test(`${on} a number too large for a double ('1e999') is reported as out_of_range`, async () => {
  const r = await validate({ 'period_cost.csv': csv('period,cost', '2025-01,1e999') })
  assert.deepEqual(errorsOf(r), [err('out_of_range', 'period_cost.csv', 2, 'cost')], dump(r))
})

test(`${on} a 20-digit quantity is an inexact_number error at its row and column, naming the value and what it would become`, async () => {
  const r = await validate({
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,12345678901234567890', 'F2,2025-01,80', 'F3,2025-01,1.0000000000000001'),
    'inventory.csv': csv('item,loc,qty,safety_stock', 'I1,L1,9007199254740993,0'),
  })
  assert.deepEqual(
    errorsOf(r),
    [
      err('inexact_number', 'demand_family.csv', 2, 'demand'),
      err('inexact_number', 'demand_family.csv', 4, 'demand'),
      err('inexact_number', 'inventory.csv', 2, 'qty'),
    ],
    dump(r),
  )
  const first = r.issues.find((i) => i.code === 'inexact_number')!
  assert.match(first.message, /'12345678901234567890'.*it would be stored as 12345678901234567000/)
  assert.deepEqual(r.files.demand_family, { rows_read: 3, rows_accepted: 1 })
})

test(`${on} numbers that read back as written are accepted, however they are spelled or however large`, async () => {
  const r = await validate({
    'period_cost.csv': csv(
      'period,cost',
      '2025-01,0.30000000000000004',
      '2025-02,1e21',
      '2025-03,9007199254740992',
      '2025-04,1234567890123456',
      '2025-05,100.000000000000000000',
      '2025-06,0.000000000000000000000001',
      '2025-07,-1.7976931348623157e308',
      '2025-08,000000000000000000042',
    ),
  })
  assert.deepEqual(errorsOf(r), [], dump(r))
  assert.deepEqual(r.files.period_cost, { rows_read: 8, rows_accepted: 8 })
})

test(`${on} a number too small to store ('1e-400', which would become 0) is out_of_range`, async () => {
  const r = await validate({ 'period_cost.csv': csv('period,cost', '2025-01,1e-400', '2025-02,-1e-400', '2025-03,0e-400') })
  assert.deepEqual(errorsOf(r), [err('out_of_range', 'period_cost.csv', 2, 'cost'), err('out_of_range', 'period_cost.csv', 3, 'cost')], dump(r))
})

test(`${on} a whole-number column beyond 2^53 - 1 (a 20-digit or 16-digit lead time) is out_of_range, whatever the spelling`, async () => {
  const r = await validate({
    'item.csv': csv('item,lt,moq', 'I1,12345678901234567890,0', 'I2,9007199254740992,0', 'I3,1e16,0', 'I4,9007199254740991,9007199254740991.0'),
  })
  assert.deepEqual(
    errorsOf(r),
    [err('out_of_range', 'item.csv', 2, 'lt'), err('out_of_range', 'item.csv', 3, 'lt'), err('out_of_range', 'item.csv', 4, 'lt')],
    dump(r),
  )
  assert.match(r.issues[0].message, /whole numbers go up to ±9007199254740991/)
})

test(`${on} out-of-range numbers are errors at their row and column: negative demand/qty, share > 1, BOM qty 0, lot 0, lt < 0`, async () => {
  const r = await validate({
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,-1', 'F1,2025-02,0'),
    'capacity.csv': csv('workcenter,period,capacity', 'WC1,2025-01,-0.5'),
    'mix_share.csv': csv('family,sku,share', 'F1,S1,1.5', 'F1,S2,-0.1', 'F1,S3,1', 'F1,S4,0'),
    'inventory.csv': csv('item,loc,qty,safety_stock', 'I1,L1,-3,0', 'I2,L1,0,-1'),
    'open_po.csv': csv('item,due,qty', 'I1,2025-01-10,-1'),
    'item.csv': csv('item,lt,lot,moq', 'I1,-1,1,0', 'I2,1,0,0', 'I3,1,1,-2', 'I4,0,0.5,0'),
    'bom.csv': csv('parent,child,qty', 'P,C,0', 'P,D,-1', 'P,E,0.25'),
  })
  assert.deepEqual(
    errorsOf(r),
    [
      err('out_of_range', 'bom.csv', 2, 'qty'),
      err('out_of_range', 'bom.csv', 3, 'qty'),
      err('out_of_range', 'capacity.csv', 2, 'capacity'),
      err('out_of_range', 'demand_family.csv', 2, 'demand'),
      err('out_of_range', 'inventory.csv', 2, 'qty'),
      err('out_of_range', 'inventory.csv', 3, 'safety_stock'),
      err('out_of_range', 'item.csv', 2, 'lt'),
      err('out_of_range', 'item.csv', 3, 'lot'),
      err('out_of_range', 'item.csv', 4, 'moq'),
      err('out_of_range', 'mix_share.csv', 2, 'share'),
      err('out_of_range', 'mix_share.csv', 3, 'share'),
      err('out_of_range', 'open_po.csv', 2, 'qty'),
    ],
    dump(r),
  )
})

test(`${on} a fractional lead time (lt 1.5) is an error at its row: lt is a whole number of days`, async () => {
  const r = await validate({ 'item.csv': csv('item,lt', 'I1,7', 'I2,1.5') })
  assert.deepEqual(errorsOf(r), [err('not_a_whole_number', 'item.csv', 3, 'lt')], dump(r))
})

test(`${on} period_cost may be negative and capacity resource_type must be workcenter, node or supplier`, async () => {
  const r = await validate({
    'period_cost.csv': csv('period,cost', '2025-01,-250.5'),
    'capacity.csv': csv('workcenter,period,capacity,resource_type', 'WC1,2025-01,1,supplier', 'WC1,2025-02,1,', 'WC1,2025-03,1,machine'),
  })
  assert.deepEqual(errorsOf(r), [err('bad_value', 'capacity.csv', 4, 'resource_type')], dump(r))
})

test(`${on} bad dates are errors: 2025-02-30 in mix effective_from, a non-ISO effective_to, an impossible open_po due`, async () => {
  const r = await validate({
    'mix_share.csv': csv('family,sku,share,effective_from,effective_to', 'F1,S1,1,2025-01-01,2025-12-31', 'F2,S2,1,2025-02-30,', 'F3,S3,1,,2025/12/31'),
    'open_po.csv': csv('item,due,qty', 'I1,2025-01-10,1', 'I2,2025-13-01,1', 'I3,next week,1', 'I4,2025-04,1', 'I5,2025-W07,1'),
  })
  assert.deepEqual(
    errorsOf(r),
    [
      err('bad_date', 'mix_share.csv', 3, 'effective_from'),
      err('bad_date', 'mix_share.csv', 4, 'effective_to'),
      err('bad_date', 'open_po.csv', 3, 'due'),
      err('bad_date', 'open_po.csv', 4, 'due'),
    ],
    dump(r),
  )
})

test(`${on} a duplicate demand key is an error at the second row whose message names both rows`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'F2,2025-01,2', ' F1 ,2025-01,3') })
  assert.deepEqual(errorsOf(r), [err('duplicate_key', 'demand_family.csv', 4, 'family,period')], dump(r))
  assert.match(r.issues[0].message, /rows 2 and 4/)
})

test(`${on} open_po is keyed by po_id when given, else by item and due; duplicates name both rows`, async () => {
  const r = await validate({
    'open_po.csv': csv('item,due,qty,po_id', 'I1,2025-01-10,1,PO-1', 'I2,2025-02-10,1,PO-1', 'I1,2025-01-10,1,PO-2', 'I3,2025-01-10,1,', 'I3,2025-01-10,2,'),
  })
  assert.deepEqual(errorsOf(r), [err('duplicate_key', 'open_po.csv', 3, 'po_id'), err('duplicate_key', 'open_po.csv', 6, 'item,due')], dump(r))
  assert.match(r.issues[0].message, /rows 2 and 3/)
  assert.match(r.issues[1].message, /rows 5 and 6/)
})

test(`${on} mix_share is keyed by family, sku and effective_from: same sku from another date is fine, same date is a duplicate`, async () => {
  const r = await validate({
    'mix_share.csv': csv('family,sku,share,effective_from', 'F1,S1,1,2025-01-01', 'F1,S1,1,2025-07-01', 'F1,S1,1,2025-01-01'),
  })
  assert.deepEqual(errorsOf(r), [err('duplicate_key', 'mix_share.csv', 4, 'family,sku,effective_from')], dump(r))
  assert.match(r.issues[0].message, /rows 2 and 4/)
})

test(`${on} a row with too many or too few values is a column_count error at its line`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,100,extra', 'F1,2025-02', 'F1,2025-03,5') })
  assert.deepEqual(errorsOf(r), [err('column_count', 'demand_family.csv', 2, null), err('column_count', 'demand_family.csv', 3, null)], dump(r))
  assert.deepEqual(r.files.demand_family, { rows_read: 3, rows_accepted: 1 })
})

test(`${on} a column named twice in the header (also via an alias) is a duplicate_column error on row 1`, async () => {
  const a = await validate({ 'demand_family.csv': csv('family,period,demand,demand', 'F1,2025-01,1,2') })
  assert.deepEqual(errorsOf(a), [err('duplicate_column', 'demand_family.csv', 1, 'demand')], dump(a))
  const b = await validate({ 'demand_family.csv': csv('family,period,demand,family_code', 'F1,2025-01,1,F1') })
  assert.deepEqual(errorsOf(b), [err('duplicate_column', 'demand_family.csv', 1, 'family_code')], dump(b))
})

test(`${on} the reference system's aliases are accepted and hash like the canonical names`, async () => {
  const canonical = {
    'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1'),
    'capacity.csv': csv('workcenter,period,capacity', 'WC1,2025-01,5'),
    'mix_share.csv': csv('family,sku,share', 'F1,S1,1'),
    'inventory.csv': csv('item,loc,qty', 'S1,L1,3'),
    'open_po.csv': csv('item,due,qty', 'S1,2025-01-10,4'),
    'item.csv': csv('item,lt', 'S1,2'),
  }
  const aliased = {
    'demand_family.csv': csv('family_code,period,demand', 'F1,2025-01,1'),
    'capacity.csv': csv('resource_code,period,capacity', 'WC1,2025-01,5'),
    'mix_share.csv': csv('family_code,sku_code,share', 'F1,S1,1'),
    'inventory.csv': csv('item_code,node_code,initial_qty', 'S1,L1,3'),
    'open_po.csv': csv('item_code,due_date,qty', 'S1,2025-01-10,4'),
    'item.csv': csv('item_code,lt', 'S1,2'),
  }
  const [a, b] = [await validate(canonical), await validate(aliased)]
  // A new label without a calendar: the one warning is that there is none.
  assert.deepEqual([...errorsOf(b), ...warningsOf(b)], [warn('no_calendar', 'planning_calendar.json', null, null)], dump(b))
  for (const stem of ['demand_family', 'capacity', 'mix_share', 'inventory', 'open_po', 'item'] as const)
    assert.deepEqual(b.files[stem], { rows_read: 1, rows_accepted: 1 })
  assert.ok(a.content_hash)
  assert.equal(b.content_hash, a.content_hash)
})

test(`${on} issue rows are physical line numbers: blank lines and quoted multi-line values are counted (LF and CRLF files)`, async () => {
  const lf = await validate({ 'demand_family.csv': 'family,period,demand\n\nF1,"2025\n-01",1\nF2,2025-01,-5\n\nF3,2025-01,x\n' })
  assert.deepEqual(errorsOf(lf), [err('out_of_range', 'demand_family.csv', 5, 'demand'), err('not_a_number', 'demand_family.csv', 7, 'demand')], dump(lf))
  // Excel on Windows: CRLF between records, a bare LF inside a multi-line cell.
  const excel = await validate({ 'demand_family.csv': 'family,period,demand,note\r\n\r\nF1,2025-01,1,"a\nb"\r\nF2,2025-01,-5,\r\n' })
  assert.deepEqual(errorsOf(excel), [err('out_of_range', 'demand_family.csv', 5, 'demand')], dump(excel))
})

test(`${on} a CRLF inside a quoted value of a CRLF file counts as one line, also in the header and several per value; a multi-line record is at the line it starts on`, async () => {
  const r = await validate({ 'demand_family.csv': 'family,period,demand,note\r\nF1,2025-01,1,"a\r\nb"\r\nF2,2025-01,-5,\r\n' })
  assert.deepEqual(errorsOf(r), [err('out_of_range', 'demand_family.csv', 4, 'demand')], dump(r))
  const many = await validate({ 'demand_family.csv': 'family,period,demand,"no\r\nte"\r\nF1,2025-01,1,"a\r\n\r\nb\r\nc"\r\nF2,2025-01,x,\r\nF1,2025-01,2,\r\n' })
  assert.deepEqual(
    errorsOf(many),
    [err('not_a_number', 'demand_family.csv', 7, 'demand'), err('duplicate_key', 'demand_family.csv', 8, 'family,period')],
    dump(many),
  )
  assert.match(many.issues.find((i) => i.code === 'duplicate_key')!.message, /rows 3 and 8/)
})

test(`${on} a quoted CRLF split across two read chunks of a file on disk still counts as one line`, async () => {
  const header = 'family,period,demand,note\r\n'
  const start = 'F1,2025-01,1,"'
  // The CR is the last byte of the first 64 KiB chunk the file stream reads; the LF starts the next.
  const pad = 'x'.repeat(64 * 1024 - 1 - header.length - start.length)
  const text = `${header}${start}${pad}\r\nb"\r\nF2,2025-01,-5,\r\n`
  assert.equal(text.indexOf('\r\nb"'), 64 * 1024 - 1)
  const r = await validatePath(writeFiles(tempDir(), { 'demand_family.csv': text }))
  assert.deepEqual(errorsOf(r), [err('out_of_range', 'demand_family.csv', 4, 'demand')], dump(r))
})

test(`${on} csv_syntax errors after a quoted CRLF name the line they are on`, async () => {
  const unclosed = await validate({ 'demand_family.csv': 'family,period,demand,note\r\nF1,2025-01,1,"a\r\nb"\r\nF2,"2025-01,1,\r\nF3,2025-01,1,\r\n' })
  assert.deepEqual(errorsOf(unclosed), [err('csv_syntax', 'demand_family.csv', 4, null)], dump(unclosed))
  const closing = await validate({ 'demand_family.csv': 'family,period,demand,note\r\nF1,2025-01,1,"a\r\nb"\r\nF2,"2025-01"x,1,\r\n' })
  assert.deepEqual(errorsOf(closing), [err('csv_syntax', 'demand_family.csv', 4, null)], dump(closing))
  assert.match(closing.issues[0].message, /at line 4 /, 'the message names the same line as the row')
})

test(`${on} an empty CSV file is an error: a header row is required`, async () => {
  const r = await validate({ 'capacity.csv': '' })
  assert.deepEqual(errorsOf(r), [err('missing_header', 'capacity.csv', 1, null)], dump(r))
})

test(`${on} an empty CSV file is reported even when another file also has errors`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,x'), 'capacity.csv': '' })
  assert.deepEqual(errorsOf(r), [err('missing_header', 'capacity.csv', 1, null), err('not_a_number', 'demand_family.csv', 2, 'demand')], dump(r))
})

test(`${on} a missing required column is reported (not thrown) for files of ordinary size and from folders`, async () => {
  const big = csv('family,period', ...Array.from({ length: 200 }, (_, i) => `F${i},2025-01`))
  const r = await validate({ 'demand_family.csv': big })
  assert.deepEqual(errorsOf(r), [err('missing_column', 'demand_family.csv', 1, 'demand')], dump(r))
  const dir = writeFiles(tempDir(), { 'demand_family.csv': csv('family,period,demand,demand', 'F1,2025-01,1,1') })
  const f = await validatePath(dir)
  assert.deepEqual(errorsOf(f), [err('duplicate_column', 'demand_family.csv', 1, 'demand')], dump(f))
})

test(`${on} a UTF-16 file (LE or BE BOM) is a bad_encoding error at row 1, not garbled text`, async () => {
  const text = csv('family,period,demand', 'F1,2025-01,1')
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  const be = Buffer.from(le.subarray(0)).swap16()
  for (const data of [le, be]) {
    const r = await validate({ 'demand_family.csv': data })
    assert.deepEqual(errorsOf(r), [err('bad_encoding', 'demand_family.csv', 1, null)], dump(r))
  }
})

test(`${on} invalid UTF-8 bytes are a bad_encoding error at the line they are on (also a truncated last character)`, async () => {
  const bad = Buffer.concat([Buffer.from('family,period,demand\nF1,2025-01,1\nF'), Buffer.from([0xc3, 0x28]), Buffer.from(',2025-02,2\n')])
  const r = await validate({ 'demand_family.csv': bad })
  assert.deepEqual(errorsOf(r), [err('bad_encoding', 'demand_family.csv', 3, null)], dump(r))
  const cut = Buffer.concat([Buffer.from('family,period,demand\nF1,2025-01,1\nF2,2025-01,1,\u20ac'.slice(0, -1)), Buffer.from([0xe2, 0x82])])
  const t = await validate({ 'demand_family.csv': cut })
  assert.deepEqual(errorsOf(t), [err('bad_encoding', 'demand_family.csv', 3, null)], dump(t))
})

test(`${on} text after a closing quote is a csv_syntax error at its line`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'F2,"2025-01"x,1') })
  assert.deepEqual(errorsOf(r), [err('csv_syntax', 'demand_family.csv', 3, null)], dump(r))
})

test(`${on} a quote inside an unquoted value (e.g. 5" pipe) is a csv_syntax error, not an exception`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'Pipe 5",2025-01,1') })
  assert.deepEqual(errorsOf(r), [err('csv_syntax', 'demand_family.csv', 3, null)], dump(r))
})

test(`${on} an unclosed quote is a csv_syntax error at the line where the quote opens`, async () => {
  const r = await validate({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,1', 'F2,"2025-01,1', 'F3,2025-01,1', 'F4,2025-01,1') })
  assert.deepEqual(errorsOf(r), [err('csv_syntax', 'demand_family.csv', 3, null)], dump(r))
})

// --- content hash (docs/bundles.md, "Content hash") -----------------------------------------

async function hashWith(change: Record<string, string | Buffer>): Promise<string> {
  const r = await validate({ ...validFiles(), ...change })
  assert.equal(r.ok, true, dump(r))
  assert.ok(r.content_hash, 'a clean validate-only run reports the content hash')
  return r.content_hash
}

test(`${on} a UTF-8 BOM imports cleanly and hashes like the same file without BOM (CSV and JSON)`, async () => {
  const files = validFiles()
  const bom = (s: string | Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])
  const r = await validate({ ...files, 'demand_family.csv': bom(files['demand_family.csv']), 'planning_calendar.json': bom(files['planning_calendar.json']) })
  assert.deepEqual([...errorsOf(r), ...warningsOf(r)], [], dump(r))
  assert.equal(r.content_hash, await hashWith({}))
})

test(`${on} column order, row order, CRLF and number spelling (100 = 100.0 = 1e2) do not change the content hash`, async () => {
  const base = await hashWith({})
  const variants: Record<string, string>[] = [
    { 'demand_family.csv': csv('demand,period,family', '100,2025-01,F1', '120,2025-02,F1', '80,2025-01,F2') },
    { 'demand_family.csv': csv('family,period,demand', 'F2,2025-01,80', 'F1,2025-02,120', 'F1,2025-01,100') },
    { 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,100.0', 'F1,2025-02,1.2e2', 'F2,2025-01,+80.000') },
    { 'demand_family.csv': 'family,period,demand\r\nF1,2025-01,100\r\nF1,2025-02,120\r\nF2,2025-01,80\r\n' },
    { 'mix_share.csv': csv('share,sku,family', '1.0,SKU3,F2', '0.40,SKU2,F1', '.6,SKU1,F1') },
    { 'item.csv': csv('moq,lot,lt,item', '0.0,1,14,COMP1', '0,5.0,5,SKU3', '0,10,7,SKU2', '0,1e1,7,SKU1') },
  ]
  for (const v of variants) assert.equal(await hashWith(v), base, Object.keys(v)[0])
})

test(`${on} unknown columns hash the same in any position, and changing any value changes the hash`, async () => {
  const a = await hashWith({ 'capacity.csv': csv('workcenter,note,period,capacity,site', 'WC1,x,2025-01,500,A', 'WC1,y,2025-02,500,B') })
  const b = await hashWith({ 'capacity.csv': csv('site,capacity,period,workcenter,note', 'B,500,2025-02,WC1,y', 'A,500,2025-01,WC1,x') })
  assert.equal(a, b)
  const base = await hashWith({})
  assert.notEqual(a, base, 'extra columns are data')
  assert.notEqual(await hashWith({ 'demand_family.csv': csv('family,period,demand', 'F1,2025-01,100', 'F1,2025-02,121', 'F2,2025-01,80') }), base)
  assert.notEqual(await hashWith({ 'bom.csv': csv('parent,child,qty', 'SKU1,COMP1,1', 'SKU2,COMP1,2.5') }), base)
})

test(`${on} a whole-number lead time spelled 7.0 hashes like 7 (100 = 100.0 for every number)`, async () => {
  const base = await hashWith({})
  assert.equal(await hashWith({ 'item.csv': csv('item,lt,lot,moq', 'SKU1,7.0,10,0', 'SKU2,7,10,0', 'SKU3,5,5,0', 'COMP1,14.0,1,0') }), base)
})
