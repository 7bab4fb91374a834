import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, isConnectionError, unavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from '@dhr/core';
import { STATUS_OF } from './error-status';

/**
 * Maps every error to a JSON body. Domain errors answer with their code's status and their body;
 * Postgres or Redis unreachable (isConnectionError) is 503 `unavailable` with Retry-After;
 * anything else unexpected is a 500 with no detail (the log has the error class only).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    if (status === 503) response.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: object } {
    if (exception instanceof DomainError) return { status: STATUS_OF[exception.code], body: exception.body };
    if (isConnectionError(exception)) {
      this.logger.warn(`Dependency unavailable: ${describeOutage(exception)}`);
      return { status: 503, body: unavailable().body };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    const bodyParserError = this.fromBodyParser(exception);
    if (bodyParserError) return bodyParserError;
    // The class and a database error code only: messages can quote personal data
    // (Postgres repeats offending values), bodies certainly do.
    const code =
      (exception as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (exception as { code?: unknown })?.code;
    this.logger.error(`Unhandled ${(exception as Error)?.name ?? 'error'}${typeof code === 'string' ? ` (code ${code})` : ''}`);
    return { status: 500, body: { error: 'internal_error' } };
  }

  private fromHttpException(exception: HttpException): { status: number; body: object } {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const message = typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
    return { status, body: { error: errorCode(status), message } };
  }

  /** express' JSON parser errors (malformed JSON, too large) carry a status of their own. */
  private fromBodyParser(exception: unknown): { status: number; body: object } | null {
    const e = exception as { status?: number; type?: string };
    if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return null;
    const message = e.type === 'entity.parse.failed' ? 'body is not valid JSON' : (e.type ?? 'bad request');
    return { status: e.status, body: { error: errorCode(e.status), message } };
  }
}

/** The class and code of an outage error: never its message (hosts, users). */
export function describeOutage(exception: unknown): string {
  const e = exception as { name?: unknown; code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return `${typeof e?.name === 'string' ? e.name : 'error'}${typeof code === 'string' ? ` (code ${code})` : ''}`;
}

function errorCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable',
    429: 'too_many_requests',
  };
  return codes[status] ?? 'error';
}
