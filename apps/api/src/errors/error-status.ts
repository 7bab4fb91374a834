import type { ErrorCode } from '@dhr/core';

/** The HTTP status of each domain error code: the API's half of the catalogue (api.md fixes the bodies). */
export const STATUS_OF: Record<ErrorCode, number> = {
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  too_many_requests: 429,
  service_unavailable: 503,
  unavailable: 503,
  validation_failed: 400,
  unsupported_media_type: 415,
  chronology_invalid: 422,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  invalid_stage: 409,
  already_accepted: 409,
  meeting_started: 409,
  meeting_cancelled: 409,
  identifying_terms_found: 409,
  document_unreadable: 409,
  document_integrity_failed: 409,
  identifying_terms_integrity_failed: 409,
};
