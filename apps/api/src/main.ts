import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@dhr/core';
import { JobWorkers } from '@dhr/jobs';
import { installGracefulShutdown } from '@dhr/ops';
import { createApiApp } from './create-api-app';

/** `--with-worker` also runs the BullMQ workers in this process (the one-machine default of `npm start`). */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  const logger = new Logger('Api');
  logger.log(`DHR API listening on http://localhost:${config.PORT}/api (docs: http://localhost:${config.PORT}/api/docs)`);
  const withWorker = process.argv.includes('--with-worker');
  if (withWorker) {
    await app.get(JobWorkers).start();
    logger.log('worker running in the same process');
  }
  // SIGTERM/SIGINT: /ready 503 at once, drain requests (and jobs), close, exit 0 (see README "Operations").
  installGracefulShutdown(app, {
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    server: app.getHttpServer() as Server,
    workers: withWorker ? app.get(JobWorkers) : undefined,
  });
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
