// Next.js decodes each dynamic path segment with decodeURIComponent while it picks the route,
// and a segment that is not percent-encoded UTF-8 (`%ff`, `%e0%80`, `%zz`) makes that throw
// before any app code runs: Next then answers a bare 500. These rewrites run first (beforeFiles)
// and put U+FFFD, the replacement character every lenient URL decoder uses for such bytes, in
// place of each undecodable segment. The request then reaches its route, whose own parameter
// check refuses '�' like any other bad value and names the parameter (400 `invalid_label`,
// field `label`, for /api/plans/input_sets/%ff; the app's 404 page for a portal address).
// Plain JavaScript: next.config.mjs imports it, and Node loads that file without a compiler.

const HEX = '[0-9a-f]'
const CONTINUATION = `%[89ab]${HEX}`

/**
 * One escape decodeURIComponent accepts: an ASCII byte, or a well-formed UTF-8 sequence
 * (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF). Case-insensitive,
 * as Next matches rewrites.
 */
export const VALID_ESCAPE = [
  `%[0-7]${HEX}`,
  `%c[2-9a-f]${CONTINUATION}`,
  `%d${HEX}${CONTINUATION}`,
  `%e0%[ab]${HEX}${CONTINUATION}`,
  `%e[1-9a-ce-f]${CONTINUATION}${CONTINUATION}`,
  `%ed%[89]${HEX}${CONTINUATION}`,
  `%f0%[9ab]${HEX}${CONTINUATION}${CONTINUATION}`,
  `%f[1-3]${CONTINUATION}${CONTINUATION}${CONTINUATION}`,
  `%f4%8${HEX}${CONTINUATION}${CONTINUATION}`,
].join('|')

const UNIT = `(?:[^/%]|${VALID_ESCAPE})`
/** A segment decodeURIComponent accepts (non-empty). */
export const DECODABLE_SEGMENT = `${UNIT}+`
/** A segment it refuses: not a run of accepted units up to the next '/' or the end. */
export const UNDECODABLE_SEGMENT = `(?!${UNIT}*(?:/|$))[^/]+`

const DECODABLE_PATH = `${DECODABLE_SEGMENT}(?:/${DECODABLE_SEGMENT})*`
const REPLACEMENT = '%EF%BF%BD'
// No route has more than two dynamic segments; a third replacement covers one more level.
const MOST_SEGMENTS = 3

/** beforeFiles rewrites: the first `n` undecodable segments become U+FFFD, for n = MOST_SEGMENTS … 1. */
export function undecodableSegmentRewrites() {
  const rewrites = []
  for (let n = MOST_SEGMENTS; n >= 1; n--) {
    let source = `/:head(${DECODABLE_PATH})`
    let destination = '/:head'
    for (let i = 1; i <= n; i++) {
      source += `/:bad${i}(${UNDECODABLE_SEGMENT})`
      destination += `/${REPLACEMENT}`
      // The decodable segments between two undecodable ones, with their slashes (none when adjacent).
      if (i < n) {
        source += `:between${i}((?:/${DECODABLE_SEGMENT})*)`
        destination += `:between${i}`
      }
    }
    rewrites.push({ source: `${source}/:tail*`, destination: `${destination}/:tail*` })
  }
  return rewrites
}
