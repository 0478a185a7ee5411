// What a failed diff job tells the people who look at it. The job's `error` column is shown by
// the API (500 diff_job_failed) and on the diff page, so it only ever holds text written for
// them: the message of a domain error (an unknown revision, …), else the error's code (ENOSPC,
// EISDIR, …) and where the rest is. The thrown error itself — for a file-system failure it names
// the cache path and a temp file carrying the process id — goes to the server log alone.
import { DomainError } from '../errors'
import type { DiffJob } from './job-store'

/** Codes as Node.js gives them for system errors: upper-case letters and digits, nothing else. */
const SYSTEM_CODE = /^E[A-Z0-9]{2,}$/

/** The reason stored with a failed job, for any reader of the API or the page. */
export function publicFailureReason(jobId: number, err: unknown): string {
  if (err instanceof DomainError) return err.message
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const what = typeof code === 'string' && SYSTEM_CODE.test(code) ? `error ${code}` : 'an internal error'
  return `${what}; the server log has the details (event input_set_diff_job_failed, diff_job_id ${jobId})`
}

/** The stored reason as the API and the page show it. */
export function failureReason(job: Pick<DiffJob, 'error'>): string {
  return job.error ?? 'no reason was recorded'
}
