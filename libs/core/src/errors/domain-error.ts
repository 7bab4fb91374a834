/** A field that failed validation and why, as returned in 400 bodies. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * Every expected failure the libs report, by code. Each front door maps a code to
 * its own answer (the API to a status and JSON body, the web app to a page or a
 * form message), so libs never name an HTTP status. Add a code here, and the
 * compiler asks every front door how to answer it.
 */
export const ERROR_CODES = [
  // the caller
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'too_many_requests',
  'service_unavailable',
  // Postgres or Redis cannot be reached (see isConnectionError): 503 with Retry-After, never a 500
  'unavailable',
  // the input
  'validation_failed',
  'unsupported_media_type',
  'chronology_invalid',
  // what is there
  'not_found',
  'conflict',
  'invalid_transition',
  'invalid_stage',
  'already_accepted',
  'meeting_started',
  'meeting_cancelled',
  'identifying_terms_found',
  'document_unreadable',
  'document_integrity_failed',
  'identifying_terms_integrity_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What an error says beyond its code: a message, the fields at fault, and code-specific facts (stage, allowedEvents…). */
export interface ErrorDetails {
  message?: string;
  fields?: FieldError[];
  [key: string]: unknown;
}

/** The one error type libs throw for expected failures. Its body is `{error: code, ...details}`; never a stack trace. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(details.message ?? code);
  }

  /** The body both front doors show: the code and the details, as api.md fixes them. */
  get body(): { error: ErrorCode } & ErrorDetails {
    return { error: this.code, ...this.details };
  }

  static validation(fields: FieldError[]): DomainError {
    const message = fields.map((f) => `${f.field}: ${f.reason}`).join('; ');
    return new DomainError('validation_failed', { message, fields });
  }

  static field(field: string, reason: string): DomainError {
    return DomainError.validation([{ field, reason }]);
  }

  static unauthorized(): DomainError {
    return new DomainError('unauthorized');
  }

  static forbidden(reason = 'your role may not do this'): DomainError {
    return new DomainError('forbidden', { message: reason });
  }

  /** Also used for things the caller may not see, so their existence is not revealed. */
  static notFound(what = 'resource'): DomainError {
    return new DomainError('not_found', { message: `${what} not found` });
  }

  static conflict(message = 'the review was changed by someone else; reload and try again'): DomainError {
    return new DomainError('conflict', { message });
  }

  /** The review's stage forbids this change of its file (a stage gate: see libs/reviews stage-gates). */
  static invalidStage(stage: string, message: string): DomainError {
    return new DomainError('invalid_stage', { stage, message });
  }
}
