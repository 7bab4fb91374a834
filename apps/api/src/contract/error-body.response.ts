import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldProblem {
  @ApiProperty({ description: 'the field at fault, e.g. `dueAt`, `documentIds[1]`, `terms[3]`' }) field: string;
  @ApiProperty() reason: string;
}

export class TermFound {
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer' }) occurrences: number;
  @ApiProperty({ description: 'a few words around the first occurrence' }) excerpt: string;
}

export class UnreadableDocument {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() mediaType: string;
  @ApiProperty() reason: string;
}

export class ChronologyLineProblem {
  @ApiProperty({ type: 'integer', description: 'the line as a spreadsheet or text editor shows it' }) line: number;
  @ApiProperty() field: string;
  @ApiProperty() reason: string;
}

/**
 * Every error answer: `{error: code, ...details}` (libs/core DomainError, mapped to a status in
 * apps/api/src/errors). Which details come with which code is said on each operation's response.
 */
export class ErrorBody {
  @ApiProperty({
    description:
      'the code: validation_failed, unauthorized, invalid_credentials, forbidden, not_found, conflict, invalid_transition, invalid_stage, ' +
      'identifying_terms_found, document_unreadable, document_integrity_failed, chronology_invalid, too_many_requests, unavailable, …',
    example: 'validation_failed',
  })
  error: string;

  @ApiPropertyOptional({ description: 'for people, not programs' }) message?: string;
  @ApiPropertyOptional({
    type: [FieldProblem],
    description: 'validation_failed (and unsupported_media_type: `file`): each field at fault and why',
  })
  fields?: FieldProblem[];
  @ApiPropertyOptional({ description: "invalid_transition, invalid_stage: the review's stage now" }) stage?: string;
  @ApiPropertyOptional({ type: [String], description: 'invalid_transition: the events the review accepts now' }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: [TermFound], description: 'identifying_terms_found: each term and the document it is in' })
  matches?: TermFound[];
  @ApiPropertyOptional({ type: [UnreadableDocument], description: 'identifying_terms_found: documents that could not be read as well' })
  unreadable?: UnreadableDocument[];
  @ApiPropertyOptional({ type: [UnreadableDocument], description: 'document_unreadable: the documents that could not be read' })
  documents?: UnreadableDocument[];
  @ApiPropertyOptional({ type: [ChronologyLineProblem], description: 'chronology_invalid: the first 100 problems' })
  problems?: ChronologyLineProblem[];
  @ApiPropertyOptional({ type: 'integer', description: 'chronology_invalid: how many problems in all' }) problemCount?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'too_many_requests: also sent as Retry-After' }) retryAfterSeconds?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'already_accepted: the existing acceptance' }) acceptanceId?: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const DEFAULT_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: '`validation_failed`: `fields` names each field at fault (body, query or path) and why',
  401: '`unauthorized`: no bearer token, or not a valid one',
  403: '`forbidden`: your role may not do this',
  404: '`not_found`: no such thing, or a review you may not see (never a hint that it exists)',
  409: '`conflict`: changed by someone else meanwhile',
  413: '`payload_too_large`: the body is over the limit',
  415: '`unsupported_media_type`: the file is not PDF, DOCX, XLSX, ODT, CSV or plain text',
  422: '`chronology_invalid`: a CSV/XLSX chronology with problems, each in `problems`; nothing is stored',
  429: '`too_many_requests`: `retryAfterSeconds`, and the Retry-After header',
  503: '`service_unavailable`: try again shortly; `unavailable` (any operation): Postgres or Redis unreachable, see Retry-After',
};

/**
 * The error answers an operation can give, all with the one `ErrorBody` schema (and always JSON,
 * whatever the operation's success media type). A status with its own words: `[409, '…']`.
 */
export function ApiErrors(...errors: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...errors.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, DEFAULT_DESCRIPTIONS[entry]];
      return ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } });
    }),
  );
}
