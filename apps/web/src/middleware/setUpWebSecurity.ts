import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import helmet from 'helmet';

/**
 * helmet with a fresh CSP nonce per request: a script runs only if it carries the nonce
 * (govuk's inline `js-enabled` snippet and our module scripts do; imports of a nonced
 * module inherit it). Styles, fonts and images from our origin only (images also as data:
 * URIs, for the two-factor QR code). Pages are never cached: they are OFFICIAL-SENSITIVE.
 */
export function setUpWebSecurity(): Router {
  const router = Router();
  router.use((_req: Request, res: Response, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': [(_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  router.use((req: Request, res: Response, next) => {
    if (!req.path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  return router;
}
