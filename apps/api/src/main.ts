import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { AuditSealingLoop } from '@dhr/audit';
import { ConfigError, loadConfig, waitForDependencies } from '@dhr/core';
import { JobWorkers } from '@dhr/jobs';
import { installGracefulShutdown } from '@dhr/ops';
import { createWebApp } from '../../web/src/create-web-app';
import { createApiApp } from './create-api-app';
import { listen, servePagesAndApi } from './pages-and-api';

/**
 * `npm start`: the pages at /, the API at /api (and the operations endpoints) on one port,
 * and with `--with-worker` the BullMQ workers and the audit sealer, in one process. `--api-only` serves the API
 * alone (`npm run start:api`, for scale; `npm run start:web` serves the pages alone).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Api');
  const apiOnly = process.argv.includes('--api-only');
  // Started during an outage: wait for Postgres and Redis (up to STARTUP_WAIT_SECONDS) rather than exit.
  await waitForDependencies({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL }, config.STARTUP_WAIT_SECONDS);
  const api = await createApiApp(config);
  const web = apiOnly ? null : await createWebApp(config);
  await Promise.all([api.init(), web?.init()]);
  const server = web ? servePagesAndApi(api, web) : (api.getHttpServer() as Server);
  await listen(server, config.PORT);
  const base = `http://localhost:${config.PORT}`;
  if (web) logger.log(`DHR pages on ${base}/ and API on ${base}/api (docs: ${base}/api/docs)`);
  else logger.log(`DHR API listening on ${base}/api (docs: ${base}/api/docs)`);
  const withWorker = process.argv.includes('--with-worker');
  if (withWorker) {
    await api.get(JobWorkers).start();
    api.get(AuditSealingLoop).start(); // the worker's audit sealer too; stopped when the app closes
    logger.log('worker running in the same process');
  }
  // SIGTERM/SIGINT: /ready 503 at once, drain requests (and jobs), close both apps, exit 0 (see README "Operations").
  installGracefulShutdown(api, {
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    server,
    workers: withWorker ? api.get(JobWorkers) : undefined,
    alsoClose: web ? [web] : [],
  });
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
