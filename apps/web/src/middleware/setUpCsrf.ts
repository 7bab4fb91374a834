import { Router, type Request, type Response } from 'express';
import { csrfSync } from 'csrf-sync';
import '../auth/web-session';

/** A POST whose CSRF token is missing or not this session's: the filter answers with the 403 page. */
export class CsrfRefused extends Error {
  readonly code = 'EBADCSRFTOKEN';
  readonly status = 403;
}

/**
 * The upload forms' paths. Their multipart body is parsed only after the signed-in guard (by
 * WebUploadInterceptor), so their token cannot be read here: the interceptor checks it with
 * `csrfTokenValid` as soon as the body is parsed, before the controller runs. Any other multipart
 * POST has no readable token here and is refused.
 */
const DEFERRED_UPLOAD_PATHS = /^\/reviews\/[^/]+\/(?:documents\/upload|drafts)$/;

function isDeferredUpload(req: Request): boolean {
  return req.method === 'POST' && DEFERRED_UPLOAD_PATHS.test(req.path) && Boolean(req.is('multipart/form-data'));
}

const csrf = csrfSync({
  getTokenFromRequest: (req) => (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined),
  skipCsrfProtection: isDeferredUpload,
});

/** Whether the request's `_csrf` field is this session's token (for the upload forms, once multer has parsed them). */
export function csrfTokenValid(req: Request): boolean {
  return csrf.isRequestValid(req);
}

/**
 * A synchroniser token (csrf-sync) kept in the session and sent back by every form as the
 * hidden field `_csrf`. A POST without it, or with another one, is refused with the 403 page.
 */
export function setUpCsrf(): Router {
  const router = Router();
  router.use((req: Request, res: Response, next) =>
    csrf.csrfSynchronisedProtection(req, res, (error?: unknown) => next(error ? new CsrfRefused() : undefined)),
  );
  router.use((req: Request, res: Response, next) => {
    // A function, so only pages with a form put a token (and so a session) in place.
    res.locals.csrfToken = () => req.csrfToken?.() ?? '';
    next();
  });
  return router;
}
