// The request histogram of the /api routes. Its `route` label is the route's pattern
// (/api/plans/input_sets/[label]/review), never the raw path: labels and ids in paths would
// make one time series per input set. Next hands withApi the matched params, so each
// path segment that carries a param value is turned back into its [name].
import { metrics } from './registry'

type Params = Record<string, string | string[] | undefined>

/** Bounded by construction: a path whose params cannot all be placed is reported as `other`. */
export const OTHER_ROUTE = 'other'

/** `params` is undefined for routes without dynamic segments. */
export function routePattern(pathname: string, params: Params | undefined): string {
  let segments = pathname.split('/').map(decodeSegment)
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
    if (Array.isArray(value)) {
      const start = segments.findIndex((_, i) => value.every((v, j) => segments[i + j] === v))
      if (start < 0) return OTHER_ROUTE
      segments.splice(start, value.length, `[...${name}]`)
    } else {
      if (!segments.includes(value)) return OTHER_ROUTE
      segments = segments.map((s) => (s === value ? `[${name}]` : s))
    }
  }
  return segments.join('/')
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** 2xx, 4xx, 5xx: the classes are what dashboards split on; single codes stay in the log. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`
}

export function observeApiRequest(method: string, route: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ method, route, status: statusClass(status) }, seconds)
}
