// Which client address, host and scheme a request is taken to come from, under each forwarded-
// header policy, and the socket stamp those rules start from. Pure apart from one loopback server.
// npm test: database-free
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { env, resetEnvCache } from '../env'
import {
  clientAddress,
  forwardedTrust,
  normalizeAddress,
  proxyList,
  requestHost,
  requestProtocol,
  selectClientHop,
  unbelievedForwardedHeaders,
  UNKNOWN_ADDRESS,
  type ForwardedTrust,
} from './client-address'
import { PEER_ADDRESS_HEADER, PEER_PROTO_HEADER, peerAddress, stampPeerAddresses } from './peer-address'

const NONE: ForwardedTrust = { kind: 'none' }
const PEER: ForwardedTrust = { kind: 'peer' }
const LISTED: ForwardedTrust = { kind: 'listed', proxies: proxyList(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']) }

test('addresses are one key per client: lower case, no port, IPv4-mapped IPv6 unwrapped, at most 64 characters', () => {
  assert.equal(normalizeAddress(' ::ffff:127.0.0.1 '), '127.0.0.1')
  assert.equal(normalizeAddress('2001:DB8::1'), '2001:db8::1')
  assert.equal(normalizeAddress('203.0.113.9:4711'), '203.0.113.9')
  assert.equal(normalizeAddress('[2001:db8::1]:443'), '2001:db8::1')
  assert.equal(normalizeAddress('x'.repeat(100)).length, 64)
})

test('the client is the right-most hop that is not a trusted proxy; the left-most when all are', () => {
  const peerOnly = (_: string, hops: number) => hops === 0
  assert.equal(selectClientHop(['198.51.100.1', '203.0.113.9'], '10.0.0.2', peerOnly), '203.0.113.9')
  assert.equal(selectClientHop([], '10.0.0.2', peerOnly), '10.0.0.2')
  assert.equal(
    selectClientHop(['198.51.100.1'], '10.0.0.2', () => false),
    '10.0.0.2',
    'an untrusted peer is the client itself',
  )
  assert.equal(
    selectClientHop(['10.0.0.9', '10.0.0.8'], '10.0.0.2', () => true),
    '10.0.0.9',
  )
})

test('without AUTH_TRUST_HOST the socket address counts and X-Forwarded-For is ignored, whatever it says', () => {
  const headers = { 'x-forwarded-for': '198.51.100.77' }
  assert.equal(clientAddress(headers, '127.0.0.1', NONE), '127.0.0.1')
  assert.equal(clientAddress(new Headers(headers), '::ffff:127.0.0.1', NONE), '127.0.0.1')
  assert.equal(clientAddress(headers, null, NONE), UNKNOWN_ADDRESS, 'an unstamped request shares one key instead of naming its own')
})

test('with AUTH_TRUST_HOST and no TRUSTED_PROXIES the right-most X-Forwarded-For entry counts: what the proxy saw', () => {
  assert.equal(clientAddress({ 'x-forwarded-for': 'spoofed, 203.0.113.9' }, '10.0.0.2', PEER), '203.0.113.9')
  assert.equal(clientAddress({ 'x-forwarded-for': ['198.51.100.1', '203.0.113.9'] }, '10.0.0.2', PEER), '203.0.113.9', 'repeated headers')
  assert.equal(clientAddress({}, '10.0.0.2', PEER), '10.0.0.2', 'no proxy entry: the peer')
})

test('with TRUSTED_PROXIES the proxies are skipped from the right, and a peer that is no proxy is the client', () => {
  assert.equal(clientAddress({ 'x-forwarded-for': 'spoofed, 203.0.113.9, 10.0.0.7' }, '10.0.0.2', LISTED), '203.0.113.9')
  assert.equal(clientAddress({ 'x-forwarded-for': '203.0.113.9' }, '198.51.100.5', LISTED), '198.51.100.5')
  assert.equal(clientAddress({ 'x-forwarded-for': '2001:db8::5' }, 'fd00::1', LISTED), '2001:db8::5')
  assert.equal(clientAddress({ 'x-forwarded-for': '10.1.1.1' }, '192.0.2.1', LISTED), '10.1.1.1', 'all proxies: the left-most')
  assert.equal(clientAddress({ 'x-forwarded-for': 'not-an-address' }, '10.0.0.2', LISTED), 'not-an-address', 'what a trusted proxy wrote is kept')
})

test('X-Forwarded-Host and -Proto count only from a trusted proxy', () => {
  const headers = { host: 'App.Internal:3000', 'x-forwarded-host': 'hub.example.com', 'x-forwarded-proto': 'https', [PEER_PROTO_HEADER]: 'http' }
  assert.equal(requestHost(headers, '127.0.0.1', NONE), 'app.internal:3000')
  assert.equal(requestProtocol(headers, '127.0.0.1', NONE), 'http')
  assert.equal(requestHost(headers, '127.0.0.1', PEER), 'hub.example.com')
  assert.equal(requestProtocol(headers, '127.0.0.1', PEER), 'https')
  assert.equal(requestHost({ ...headers, 'x-forwarded-host': 'evil.example, hub.example.com' }, '127.0.0.1', PEER), 'hub.example.com', 'the right-most entry')
  assert.equal(requestHost(headers, '10.0.0.2', LISTED), 'hub.example.com')
  assert.equal(requestHost(headers, '198.51.100.5', LISTED), 'app.internal:3000', 'the peer is no proxy')
  assert.equal(requestProtocol(headers, '198.51.100.5', LISTED), 'http')
})

test('forwarded headers that are not believed are named, as next-auth would read them; those Next.js fills in are not', () => {
  const nextFilled = { host: 'localhost:3000', 'x-forwarded-host': 'localhost:3000', 'x-forwarded-proto': 'http', [PEER_PROTO_HEADER]: 'http' }
  assert.deepEqual(unbelievedForwardedHeaders(nextFilled, '127.0.0.1', NONE), [])
  assert.deepEqual(unbelievedForwardedHeaders({ ...nextFilled, 'x-forwarded-host': 'evil.example' }, '127.0.0.1', NONE), ['x-forwarded-host'])
  assert.deepEqual(unbelievedForwardedHeaders({ ...nextFilled, 'x-forwarded-proto': 'https' }, '127.0.0.1', NONE), ['x-forwarded-proto'])
  assert.deepEqual(unbelievedForwardedHeaders({ ...nextFilled, 'x-forwarded-host': 'hub.example.com', 'x-forwarded-proto': 'https' }, '127.0.0.1', PEER), [])
  assert.deepEqual(unbelievedForwardedHeaders({ ...nextFilled, 'x-forwarded-host': 'a.example, b.example' }, '127.0.0.1', PEER), ['x-forwarded-host'])
})

test('TRUSTED_PROXIES takes addresses and CIDR networks and refuses anything else', () => {
  const saved = { TRUSTED_PROXIES: process.env.TRUSTED_PROXIES, AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST }
  try {
    process.env.TRUSTED_PROXIES = '10.0.0.0/8, 192.0.2.1,fd00::/8'
    process.env.AUTH_TRUST_HOST = 'true'
    resetEnvCache()
    assert.deepEqual(env().TRUSTED_PROXIES, ['10.0.0.0/8', '192.0.2.1', 'fd00::/8'])
    const trust = forwardedTrust()
    assert.equal(trust.kind, 'listed')
    assert.equal(clientAddress({ 'x-forwarded-for': '203.0.113.9' }, '10.20.30.40', trust), '203.0.113.9')
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', '::1/129']) {
      process.env.TRUSTED_PROXIES = bad
      resetEnvCache()
      assert.throws(() => env(), /TRUSTED_PROXIES/, bad)
    }
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    resetEnvCache()
  }
})

test('each request is stamped with its socket address and scheme; a client-sent stamp is overwritten', async () => {
  stampPeerAddresses()
  stampPeerAddresses()
  let seen: IncomingHttpHeaders = {}
  const server = createServer((req, res) => {
    seen = req.headers
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_ADDRESS_HEADER]: '198.51.100.66', [PEER_PROTO_HEADER]: 'https', 'x-forwarded-for': '198.51.100.66' },
    })
    assert.equal(peerAddress(seen), '127.0.0.1')
    assert.equal(seen[PEER_PROTO_HEADER], 'http')
    assert.equal(clientAddress(seen, undefined, NONE), '127.0.0.1')
  } finally {
    server.close()
  }
})
