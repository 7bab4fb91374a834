import { Router, type Request, type Response } from 'express';
import { csrfSync } from 'csrf-sync';
import '../auth/web-session';

/** A POST whose CSRF token is missing or not this session's: the filter answers with the 403 page. */
export class CsrfRefused extends Error {
  readonly code = 'EBADCSRFTOKEN';
  readonly status = 403;
}

/**
 * A synchroniser token (csrf-sync) kept in the session and sent back by every form as the
 * hidden field `_csrf`. A POST without it, or with another one, is refused with the 403 page.
 */
export function setUpCsrf(): Router {
  const { csrfSynchronisedProtection } = csrfSync({
    getTokenFromRequest: (req) => (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined),
  });
  const router = Router();
  router.use((req: Request, res: Response, next) =>
    csrfSynchronisedProtection(req, res, (error?: unknown) => next(error ? new CsrfRefused() : undefined)),
  );
  router.use((req: Request, res: Response, next) => {
    // A function, so only pages with a form put a token (and so a session) in place.
    res.locals.csrfToken = () => req.csrfToken?.() ?? '';
    next();
  });
  return router;
}
