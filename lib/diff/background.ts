// Keeps diff jobs moving inside one app process: a kick after a response that queued a job,
// and a periodic sweep that also picks up jobs queued by other instances or left behind by a
// dead worker. One pass at a time per process; a kick during a pass asks for one more pass.
import { env } from '../env'
import { errorFields, logError } from '../log'
import { processDiffJobs } from './worker'

type BackgroundState = { pass: Promise<void> | null; again: boolean; sweep: NodeJS.Timeout | null }

// On globalThis: route handlers, server components and instrumentation are separate module
// graphs in Next.js, and they must share one worker loop.
const anchor = globalThis as typeof globalThis & { __planningHubDiffWorker?: BackgroundState }
const state = (anchor.__planningHubDiffWorker ??= { pass: null, again: false, sweep: null })

export function kickDiffWorker(): Promise<void> {
  if (state.pass) {
    state.again = true
    return state.pass
  }
  state.pass = (async () => {
    do {
      state.again = false
      try {
        await processDiffJobs()
      } catch (err) {
        // The database may be briefly unreachable; the next kick or sweep tries again.
        logError('input_set_diff_worker_error', errorFields(err))
      }
    } while (state.again)
  })().finally(() => {
    state.pass = null
  })
  return state.pass
}

/** Starts this process's periodic sweep (once); DIFF_SWEEP_SECONDS=0 leaves it off. */
export function startDiffSweep(): void {
  const seconds = env().DIFF_SWEEP_SECONDS
  if (state.sweep || seconds === 0) return
  state.sweep = setInterval(() => void kickDiffWorker(), seconds * 1000)
  state.sweep.unref()
  void kickDiffWorker()
}
