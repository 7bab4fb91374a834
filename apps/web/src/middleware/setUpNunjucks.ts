import { join } from 'node:path';
import type { Express } from 'express';
import nunjucks from 'nunjucks';
import type { AppConfig } from '@dhr/core';
import { longDate } from '../presenters/dates';

/** Nunjucks over our views and the govuk and MoJ macros, autoescaped. */
export function setUpNunjucks(app: Express, config: AppConfig, root = process.cwd()): nunjucks.Environment {
  app.set('view engine', 'njk');
  const env = nunjucks.configure(
    [
      join(root, 'apps/web/src/views'),
      join(root, 'node_modules/govuk-frontend/dist'),
      join(root, 'node_modules/@ministryofjustice/frontend'),
    ],
    { autoescape: true, express: app, noCache: config.NODE_ENV === 'development' },
  );
  app.locals.serviceName = config.SERVICE_NAME;
  app.locals.assetPath = '/assets';
  // For the timeout warning (partials/timeout-warning.njk): how long an unused session lasts.
  app.locals.sessionIdleSeconds = Math.round(config.SESSION_IDLE_MINUTES * 60);
  env.addFilter('longDate', (value: string | Date | null | undefined) => (value ? longDate(value) : ''));
  return env;
}
