// One error hierarchy for the whole domain. Each transport maps it once:
// HTTP status + {error:{code,message,details}}, CLI exit code + stderr line.

export type ErrorDetails = Record<string, unknown> | unknown[] | undefined

export class DomainError extends Error {
  readonly code: string
  readonly details: ErrorDetails
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.details = details
  }
}

/** Bad input: usage, labels, bundle contents (HTTP 400/422, CLI exit 2). */
export class InvalidError extends DomainError {
  constructor(message: string, details?: ErrorDetails, code = 'invalid') {
    super(code, message, details)
  }
}

/** Unknown label, revision or config version (HTTP 404, CLI exit 4). */
export class NotFoundError extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super('not_found', message, details)
  }
}

/** Illegal transition or a lost race (HTTP 409, CLI exit 3). */
export class ConflictError extends DomainError {
  constructor(message: string, details?: ErrorDetails, code = 'conflict') {
    super(code, message, details)
  }
}

/** No credentials, or credentials that are malformed or invalid (HTTP 401). */
export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication required.', details?: ErrorDetails, code = 'unauthorized') {
    super(code, message, details)
  }
}

/** Refused by a rule about who may act, e.g. four-eyes (HTTP 403, CLI exit 3). */
export class ForbiddenError extends DomainError {
  constructor(message: string, details?: ErrorDetails, code = 'forbidden') {
    super(code, message, details)
  }
}

/** Payload over a configured limit (HTTP 413, CLI exit 2). */
export class TooLargeError extends DomainError {
  constructor(message: string, details?: ErrorDetails, code = 'too_large') {
    super(code, message, details)
  }
}
