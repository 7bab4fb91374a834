import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, Clock, nestLogLevels, migrate } from '@dhr/core';
import { JobWorkers } from '@dhr/jobs';
import { WorkerModule } from './worker.module';

/** Migrates, builds the worker context and starts its BullMQ workers. */
export async function createWorkerApp(
  config: AppConfig,
  options: { clock?: Clock; logger?: false } = {},
): Promise<INestApplicationContext> {
  await migrate(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options.clock), {
    logger: options.logger === false ? false : nestLogLevels(config.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  await app.get(JobWorkers).start();
  return app;
}
