// The only reader of X-Forwarded-For, X-Forwarded-Host and X-Forwarded-Proto. Anyone can send
// them, so they count only when the operator says a reverse proxy sets them (AUTH_TRUST_HOST=true),
// and then only as far as proxies are trusted:
// - AUTH_TRUST_HOST off: the socket's address, the Host header and the socket's scheme.
// - on, TRUSTED_PROXIES unset: the direct peer is taken to be the one proxy, so the client is the
//   right-most X-Forwarded-For entry (the address that proxy saw), the host and scheme the
//   right-most X-Forwarded-Host / -Proto entries (what that proxy set or appended).
// - on, TRUSTED_PROXIES set: the chain is the X-Forwarded-For entries followed by the socket's
//   address; the client is its right-most address that is not a trusted proxy. X-Forwarded-Host
//   and -Proto count only when the socket's peer is a trusted proxy.
// The socket's address and scheme come from lib/http/peer-address.ts (why: see there).
import { BlockList, isIP } from 'node:net'
import { env, operatorTrustsHost } from '../env'
import { headerValue, peerAddress, peerProtocol, type HeaderSource } from './peer-address'

export type ForwardedTrust = { kind: 'none' } | { kind: 'peer' } | { kind: 'listed'; proxies: BlockList }

/** The address of a request whose socket address is not known (served before the stamp was set up). */
export const UNKNOWN_ADDRESS = 'unknown'

const NO_TRUST: ForwardedTrust = { kind: 'none' }
const PEER_TRUST: ForwardedTrust = { kind: 'peer' }
let listed: { key: string; trust: ForwardedTrust } | undefined

/** The configured policy (AUTH_TRUST_HOST, TRUSTED_PROXIES). */
export function forwardedTrust(): ForwardedTrust {
  if (!operatorTrustsHost()) return NO_TRUST
  const entries = env().TRUSTED_PROXIES
  if (!entries?.length) return PEER_TRUST
  const key = entries.join(',')
  if (listed?.key !== key) listed = { key, trust: { kind: 'listed', proxies: proxyList(entries) } }
  return listed.trust
}

/** Entries are validated in lib/env.ts: addresses or `network/prefix`. */
export function proxyList(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address, prefix] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  return list
}

/**
 * One key per client: lower case, without a port (`1.2.3.4:5678`, `[::1]:80`), IPv4-mapped IPv6
 * unwrapped, at most 64 characters. Anything else a proxy wrote is kept as written.
 */
export function normalizeAddress(raw: string): string {
  let address = raw.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)
  if (bracketed) address = bracketed[1]
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'))
  if (address.startsWith('::ffff:') && address.includes('.')) address = address.slice(7)
  return address.slice(0, 64)
}

function entries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function isListedProxy(proxies: BlockList, address: string): boolean {
  const family = isIP(address)
  if (!family) return false
  try {
    return proxies.check(address, family === 6 ? 'ipv6' : 'ipv4')
  } catch {
    // An address BlockList cannot judge (e.g. with an IPv6 zone) is nobody's proxy.
    return false
  }
}

/** Whether the hop `hopsFromPeer` places left of the socket's peer (0 = the peer) is a trusted proxy. */
function isTrustedHop(trust: ForwardedTrust, address: string, hopsFromPeer: number): boolean {
  if (trust.kind === 'peer') return hopsFromPeer === 0
  if (trust.kind === 'listed') return isListedProxy(trust.proxies, address)
  return false
}

/**
 * The right-most hop of `X-Forwarded-For entries, then the peer` that is not a trusted proxy;
 * the left-most entry when every hop is one.
 */
export function selectClientHop(forwardedFor: readonly string[], peer: string, isTrusted: (address: string, hopsFromPeer: number) => boolean): string {
  const chain = [...forwardedFor, peer]
  for (let i = chain.length - 1; i > 0; i--) {
    if (!isTrusted(chain[i], chain.length - 1 - i)) return chain[i]
  }
  return chain[0]
}

function normalizedPeer(socketAddress: string | null): string {
  return socketAddress ? normalizeAddress(socketAddress) : UNKNOWN_ADDRESS
}

/** The client's address, for sign-in throttling and the audit trail. */
export function clientAddress(headers: HeaderSource, socketAddress = peerAddress(headers), trust = forwardedTrust()): string {
  const peer = normalizedPeer(socketAddress)
  if (trust.kind === 'none') return peer
  const forwardedFor = entries(headerValue(headers, 'x-forwarded-for')).map(normalizeAddress)
  return selectClientHop(forwardedFor, peer, (address, hops) => isTrustedHop(trust, address, hops))
}

/** Whether X-Forwarded-Host and -Proto count: a proxy we trust is at the other end of the socket. */
function peerSetsForwardedHeaders(trust: ForwardedTrust, socketAddress: string | null): boolean {
  return trust.kind !== 'none' && isTrustedHop(trust, normalizedPeer(socketAddress), 0)
}

/** The host (with port, lower case) the client addressed: Host, or X-Forwarded-Host from a trusted proxy. */
export function requestHost(headers: HeaderSource, socketAddress = peerAddress(headers), trust = forwardedTrust()): string {
  const host = (headerValue(headers, 'host') ?? '').trim().toLowerCase()
  if (!peerSetsForwardedHeaders(trust, socketAddress)) return host
  return entries(headerValue(headers, 'x-forwarded-host')).at(-1)?.toLowerCase() ?? host
}

/** The scheme the client used: the socket's, or X-Forwarded-Proto from a trusted proxy. */
export function requestProtocol(headers: HeaderSource, socketAddress = peerAddress(headers), trust = forwardedTrust()): 'http' | 'https' {
  const own = peerProtocol(headers) ?? 'http'
  if (!peerSetsForwardedHeaders(trust, socketAddress)) return own
  const forwarded = entries(headerValue(headers, 'x-forwarded-proto')).at(-1)?.toLowerCase()
  return forwarded === 'https' || forwarded === 'http' ? forwarded : own
}

/**
 * The X-Forwarded-Host / -Proto headers whose raw value differs from requestHost() /
 * requestProtocol(): what a library that reads them as sent (next-auth builds its URLs from
 * them) would use although it is not believed. Next.js fills both in from the Host header and
 * the socket when a request has none, so an honest direct request yields none.
 */
export function unbelievedForwardedHeaders(headers: HeaderSource, socketAddress = peerAddress(headers), trust = forwardedTrust()): string[] {
  const out: string[] = []
  const host = headerValue(headers, 'x-forwarded-host')
  if (host !== null && host.trim().toLowerCase() !== requestHost(headers, socketAddress, trust)) out.push('x-forwarded-host')
  const proto = headerValue(headers, 'x-forwarded-proto')
  if (proto !== null && proto.trim().toLowerCase() !== requestProtocol(headers, socketAddress, trust)) out.push('x-forwarded-proto')
  return out
}
