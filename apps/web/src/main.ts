import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, waitForDependencies } from '@dhr/core';
import { installGracefulShutdown } from '@dhr/ops';
import { createWebApp } from './create-web-app';

/** `npm run start:web`: the pages alone, for scale (the API and the worker run elsewhere). */
async function main(): Promise<void> {
  const config = loadConfig();
  // Started during an outage: wait for Postgres and Redis (up to STARTUP_WAIT_SECONDS) rather than exit.
  await waitForDependencies({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL }, config.STARTUP_WAIT_SECONDS);
  const app = await createWebApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  new Logger('Web').log(`DHR pages on http://localhost:${config.PORT}/`);
  installGracefulShutdown(app, { graceSeconds: config.SHUTDOWN_GRACE_SECONDS, server: app.getHttpServer() as Server });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
