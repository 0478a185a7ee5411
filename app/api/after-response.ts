// Work to do once the answer is sent (a diff or impact job to start). Next's after() holds it for
// Next's own answers; an answer of the direct lane (lib/http/direct-lane.ts) has no Next request
// around it, so the lane holds it instead.
import { after } from 'next/server'
import { deferToDirectLane } from '@/lib/http/direct-lane'

export function afterResponse(task: () => unknown): void {
  if (!deferToDirectLane(task)) after(task)
}
