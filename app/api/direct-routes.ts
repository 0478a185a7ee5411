// The routes scripts/serve.ts answers through the direct lane (lib/http/direct-lane.ts,
// docs/architecture.md "The direct lane"): GETs that are read often, answer small paged JSON and
// need nothing of Next's but the handler. Each entry is the route module's own GET, so a route
// behaves the same whichever way a request reaches it. Streamed downloads (export, diff rows) stay with Next.
import type { DirectRoute } from '@/lib/http/direct-lane'
import { GET as list } from './plans/input_sets/route'
import { GET as detail } from './plans/input_sets/[label]/route'
import { GET as events } from './plans/input_sets/[label]/events/route'
import { GET as rows } from './plans/input_sets/[label]/rows/[section]/route'
import { GET as diff } from './plans/input_sets/[label]/diff/route'
import { GET as impact } from './plans/input_sets/[label]/impact/route'

export const directRoutes: DirectRoute[] = [
  { pattern: '/api/plans/input_sets', GET: list },
  { pattern: '/api/plans/input_sets/[label]', GET: detail },
  { pattern: '/api/plans/input_sets/[label]/events', GET: events },
  { pattern: '/api/plans/input_sets/[label]/rows/[section]', GET: rows },
  { pattern: '/api/plans/input_sets/[label]/diff', GET: diff },
  { pattern: '/api/plans/input_sets/[label]/impact', GET: impact },
]
