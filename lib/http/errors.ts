// Maps the domain's error hierarchy to HTTP once for every /api route (docs/api.md, "Errors"):
// `{error:{code, message, details?}}`. Unknown errors become a 500 that names the
// request id; the stack goes to the log only.
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError, TooLargeError, UnauthorizedError } from '../errors'
import { isDatabaseUnavailable } from '../db/unavailable'
import { z } from 'zod'
import { errorFields, logError } from '../log'

/** The one error envelope of every /api answer that is not a success (lib/openapi documents it). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, machine-readable: invalid_label, not_found, four_eyes, validation_failed …'),
      message: z.string().describe('One sentence for a person, naming the field, file, row or column at fault.'),
      details: z.unknown().optional().describe('Structured context: the field, the validation report, the job …'),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof errorBodySchema>

const STATUS: [new (...args: never[]) => DomainError, number][] = [
  [InvalidError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [TooLargeError, 413],
]

/** A validation report that blocks an import: the request was well-formed, its content was not. */
export const VALIDATION_FAILED = 'validation_failed'

export function statusOf(err: DomainError): number | undefined {
  if (err instanceof InvalidError && err.code === VALIDATION_FAILED) return 422
  return STATUS.find(([type]) => err instanceof type)?.[1]
}

export function errorJson(status: number, code: string, message: string, details?: unknown, headers?: HeadersInit): Response {
  const body: ErrorBody = { error: { code, message, ...(details !== undefined ? { details } : {}) } }
  return Response.json(body, { status, headers })
}

export function errorResponse(err: unknown, log: { requestId: string; method: string; path: string }): Response {
  const status = err instanceof DomainError ? statusOf(err) : undefined
  if (err instanceof DomainError && status) {
    // RFC 9110: a 401 names the scheme the client should use.
    const headers = status === 401 ? { 'www-authenticate': 'Bearer' } : undefined
    return errorJson(status, err.code, err.message, err.details, headers)
  }
  if (isDatabaseUnavailable(err)) {
    logError('api_database_unavailable', { request_id: log.requestId, method: log.method, path: log.path, ...errorFields(err) })
    return errorJson(503, 'database_unavailable', `The database cannot be reached just now; try again shortly (request ${log.requestId}).`, undefined, {
      'retry-after': '5',
    })
  }
  logError('api_error', { request_id: log.requestId, method: log.method, path: log.path, ...errorFields(err) })
  return errorJson(500, 'internal', `Internal error (request ${log.requestId})`)
}
