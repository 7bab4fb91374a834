/** A field that failed validation and why, as returned in 400 bodies. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * The one error type that services throw for expected failures; the HTTP filter
 * turns it into `status` + `body` verbatim. Bodies never carry stack traces.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; [key: string]: unknown },
  ) {
    super(body.error);
  }

  static validation(fields: FieldError[]): ApiError {
    const message = fields.map((f) => `${f.field}: ${f.reason}`).join('; ');
    return new ApiError(400, { error: 'validation_failed', message, fields });
  }

  static field(field: string, reason: string): ApiError {
    return ApiError.validation([{ field, reason }]);
  }

  static unauthorized(): ApiError {
    return new ApiError(401, { error: 'unauthorized' });
  }

  static forbidden(reason = 'your role may not do this'): ApiError {
    return new ApiError(403, { error: 'forbidden', message: reason });
  }

  /** Also used for things the caller may not see, so their existence is not revealed. */
  static notFound(what = 'resource'): ApiError {
    return new ApiError(404, { error: 'not_found', message: `${what} not found` });
  }

  static conflict(message = 'the review was changed by someone else; reload and try again'): ApiError {
    return new ApiError(409, { error: 'conflict', message });
  }
}
