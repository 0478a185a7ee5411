// How the direct lane picks a content encoding from Accept-Encoding: as Next's compression does,
// gzip before deflate at equal weight, q=0 refuses, `*` covers what is not named.
// npm test: database-free
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { chooseEncoding, directLane, laneJson } from './direct-lane'

test('no Accept-Encoding, or only identity, gets the body as it is', () => {
  assert.equal(chooseEncoding(undefined), 'identity')
  assert.equal(chooseEncoding(''), 'identity')
  assert.equal(chooseEncoding('identity'), 'identity')
  assert.equal(chooseEncoding('br'), 'identity')
})

test('gzip is preferred to deflate at equal weight; a higher weight wins', () => {
  assert.equal(chooseEncoding('gzip, deflate, br'), 'gzip')
  assert.equal(chooseEncoding('deflate, gzip'), 'gzip')
  assert.equal(chooseEncoding('gzip;q=0.5, deflate'), 'deflate')
  assert.equal(chooseEncoding('DEFLATE'), 'deflate')
})

test('q=0 refuses an encoding, and * stands for the ones not named', () => {
  assert.equal(chooseEncoding('gzip;q=0'), 'identity')
  assert.equal(chooseEncoding('*'), 'gzip')
  assert.equal(chooseEncoding('*, gzip;q=0'), 'deflate')
  assert.equal(chooseEncoding('gzip;q=0.2, identity;q=1'), 'identity')
})

test('laneJson makes nothing outside the lane; inside it, the lane writes the JSON text as Response.json would', async () => {
  assert.equal(laneJson({ a: 1 }), undefined)
  const body = { label: 'Zürich "Ost"', rows: [1, 2.5, null] }
  const lane = directLane([{ pattern: '/answer', GET: async () => laneJson(body) ?? new Response('not in the lane', { status: 500 }) }])
  const server = createServer((req, res) => {
    if (!lane(req, res)) res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`, { headers: { 'accept-encoding': 'identity' } })
    const expected = Response.json(body)
    assert.equal(answer.status, 200)
    assert.equal(answer.headers.get('content-type'), expected.headers.get('content-type'))
    const text = await answer.text()
    assert.equal(text, await expected.text())
    assert.equal(answer.headers.get('content-length'), String(Buffer.byteLength(text)))
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})
