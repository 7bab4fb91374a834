import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, isConnectionError, UNAVAILABLE_RETRY_AFTER_SECONDS } from '@dhr/core';
import { safeReturnTo, SignInRequired } from '../auth/page-access';
import { CsrfRefused } from '../middleware/setUpCsrf';

type ErrorPage = 'not-found' | 'forbidden' | 'sign-in' | 'problem' | 'too-many' | 'unavailable';

/** Each domain code's page. The compiler insists every code has one. A review the person may not see is the 404 page. */
const PAGE_OF: Record<ErrorCode, ErrorPage> = {
  unauthorized: 'sign-in',
  invalid_credentials: 'sign-in',
  forbidden: 'forbidden',
  too_many_requests: 'too-many',
  service_unavailable: 'problem',
  unavailable: 'unavailable',
  validation_failed: 'problem',
  unsupported_media_type: 'problem',
  chronology_invalid: 'problem',
  not_found: 'not-found',
  conflict: 'problem',
  invalid_transition: 'problem',
  invalid_stage: 'problem',
  already_accepted: 'problem',
  meeting_started: 'problem',
  meeting_cancelled: 'problem',
  identifying_terms_found: 'problem',
  document_unreadable: 'problem',
  document_integrity_failed: 'problem',
  identifying_terms_integrity_failed: 'problem',
};

const STATUS_OF_PAGE: Record<Exclude<ErrorPage, 'sign-in'>, number> = {
  'not-found': 404,
  forbidden: 403,
  problem: 500,
  'too-many': 429,
  unavailable: 503,
};

/**
 * Every error as a page: 404, 403 (also a missing or wrong CSRF token), "sign in" as a
 * redirect, Postgres or Redis unreachable (isConnectionError) as "Sorry, the service is
 * unavailable" (503, Retry-After), and for anything else "Sorry, there is a problem with the service" — never a
 * stack trace. The log has the error class only.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const page = this.pageFor(exception);
    if (page === 'sign-in') return this.toSignIn(req, res, exception);
    res.status(page === 'problem' ? this.problemStatus(exception) : STATUS_OF_PAGE[page]);
    if (page === 'unavailable') res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.render(`pages/errors/${page}`, { csrfError: isCsrfError(exception) }, (error: Error | null, html?: string) => {
      if (error) {
        this.logger.error(`error page failed to render: ${error.name}`);
        res.type('text/plain').send('Sorry, there is a problem with the service');
      } else res.type('html').send(html);
    });
  }

  private pageFor(exception: unknown): ErrorPage {
    if (exception instanceof SignInRequired) return 'sign-in';
    if (exception instanceof DomainError) return PAGE_OF[exception.code];
    if (isCsrfError(exception)) return 'forbidden';
    if (isConnectionError(exception)) {
      this.logger.warn(`Dependency unavailable: ${(exception as Error)?.name ?? 'error'}`);
      return 'unavailable';
    }
    const status = exception instanceof HttpException ? exception.getStatus() : (exception as { status?: unknown })?.status;
    if (status === 404 || status === 405) return 'not-found';
    if (status === 403) return 'forbidden';
    if (typeof status === 'number' && status >= 400 && status < 500) return 'problem';
    this.logger.error(`Unhandled ${(exception as Error)?.name ?? 'error'}`);
    return 'problem';
  }

  /** Bad requests (a malformed or oversized form) say so with their own 4xx; the rest are 500. */
  private problemStatus(exception: unknown): number {
    if (exception instanceof DomainError) return exception.code === 'service_unavailable' ? 503 : 400;
    const status = exception instanceof HttpException ? exception.getStatus() : (exception as { status?: unknown })?.status;
    return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
  }

  private toSignIn(req: Request, res: Response, exception: unknown): void {
    const returnTo = exception instanceof SignInRequired ? exception.returnTo : req.method === 'GET' ? safeReturnTo(req.originalUrl) : null;
    const session = (req as { session?: { returnTo?: string; save?(cb: () => void): void } }).session;
    if (session && returnTo) {
      session.returnTo = returnTo;
      return session.save?.(() => res.redirect(303, '/sign-in'));
    }
    res.redirect(303, '/sign-in');
  }
}

function isCsrfError(exception: unknown): boolean {
  return exception instanceof CsrfRefused;
}
