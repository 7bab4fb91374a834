import { ConfigError, loadConfig, waitForDependencies } from '@dhr/core';
import { JobWorkers } from '@dhr/jobs';
import { installGracefulShutdown } from '@dhr/ops';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  const config = loadConfig();
  // Started during an outage: wait for Postgres and Redis (up to STARTUP_WAIT_SECONDS) rather than exit.
  await waitForDependencies({ databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL }, config.STARTUP_WAIT_SECONDS);
  const app = await createWorkerApp(config);
  // SIGTERM/SIGINT: stop taking jobs, finish the running ones (up to SHUTDOWN_GRACE_SECONDS), close, exit 0.
  installGracefulShutdown(app, { graceSeconds: config.SHUTDOWN_GRACE_SECONDS, workers: app.get(JobWorkers) });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
