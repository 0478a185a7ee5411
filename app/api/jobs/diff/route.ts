// POST /api/jobs/diff — runs queued diff jobs (and re-queues stuck ones) in the background, after
// the response; for an external scheduler or an operator. Jobs are claimed atomically, so
// any number of calls and instances may run at once.
import { after } from 'next/server'
import { kickDiffWorker } from '@/lib/diff/background'
import { diffApi } from '@/lib/diff/operations'
import { otherMethods } from '@/lib/http/route-methods'
import { json, withApi } from '@/lib/http/with-api'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const POST = withApi(diffApi.runJobs, async () => {
  after(() => kickDiffWorker())
  return json({ status: 'started' }, 202)
})

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST })
