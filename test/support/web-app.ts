import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuditVerifier } from '@dhr/audit';
import { AppConfig, dropDatabase } from '@dhr/core';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { listen, servePagesAndApi } from '../../apps/api/src/pages-and-api';
import { createWebApp } from '../../apps/web/src/create-web-app';
import { deleteQueueKeys, isolatedEnv, TestApp } from './test-app';

export interface WebTestApp extends TestApp {
  web: INestApplication;
  server: Server;
  /** http://127.0.0.1:<port>, for the browser. */
  baseUrl: string;
}

/** The compiled CSS and JS the pages link to (`npm run build` makes them; a test run without a build makes them here). */
function ensureWebAssets(): void {
  const root = join(__dirname, '..', '..');
  const built = ['css/app.css', 'js/app.mjs', 'js/timeout-warning.mjs', 'js/hold-scope.mjs'].every((file) =>
    existsSync(join(root, 'dist/web-assets', file)),
  );
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build:web-assets'], { cwd: root, stdio: 'ignore' });
}

/**
 * Boots the API and the pages exactly as `npm start` does (two Nest apps, one server, one
 * port) on a throwaway database and queue prefix, listening on a free port for a browser.
 */
export async function startWebTestApp(options: { env?: Record<string, string> } = {}): Promise<WebTestApp> {
  ensureWebAssets();
  const config: AppConfig = isolatedEnv({ SWEEP_INTERVAL_SECONDS: '3600', ...options.env });
  const logging = { logger: process.env.TEST_LOGS ? undefined : (false as const) };
  const app = await createApiApp(config, logging);
  const web = await createWebApp(config, logging);
  await Promise.all([app.init(), web.init()]);
  const server = servePagesAndApi(app, web);
  await listen(server, 0);
  const { port } = server.address() as { port: number };
  return {
    app,
    web,
    config,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    http: () => request(server),
    async close() {
      const audit = await app.get(AuditVerifier).verify();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await web.close();
      await app.close();
      await deleteQueueKeys(config);
      await dropDatabase(config.DATABASE_URL);
      if (!audit.ok) throw new Error(`audit chain broken: ${JSON.stringify(audit)}`);
    },
  };
}
