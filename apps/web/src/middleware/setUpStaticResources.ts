import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * Our compiled CSS and JS (`npm run build` writes dist/web-assets) and the images, fonts and
 * scripts of govuk-frontend and the MoJ frontend, all from our own origin: no CDN.
 * Paths are from the working directory, as `npm start` and the tests run from the repository root.
 */
export function setUpStaticResources(root = process.cwd()): Router {
  const router = Router();
  const options = { maxAge: '1h', index: false, fallthrough: true } as const;
  const mounts: [string, string][] = [
    ['/assets', 'dist/web-assets'],
    ['/assets', 'node_modules/govuk-frontend/dist/govuk/assets'],
    ['/assets', 'node_modules/@ministryofjustice/frontend/moj/assets'],
    ['/assets/govuk', 'node_modules/govuk-frontend/dist/govuk'],
    ['/assets/moj', 'node_modules/@ministryofjustice/frontend/moj'],
  ];
  for (const [mount, dir] of mounts) router.use(mount, express.static(join(root, dir), options));
  // An asset that is not there is a plain 404, not a page.
  router.use('/assets', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return router;
}
