import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, Clock, loggerModule, migrate, nestLogLevels } from '@dhr/core';
import { JobWorkers } from '@dhr/jobs';
import { WorkerModule } from './worker.module';

@Module({})
class WorkerRootModule {
  static forRoot(config: AppConfig, clock: Clock | undefined, logging: { destination?: DestinationStream } | null): DynamicModule {
    const worker = WorkerModule.forRoot(config, clock);
    return {
      module: WorkerRootModule,
      imports: logging ? [loggerModule(config, { service: 'worker', destination: logging.destination }), worker] : [worker],
    };
  }
}

export interface WorkerAppOptions {
  clock?: Clock;
  /** `false`: no logging at all (tests). */
  logger?: false;
  /** Where the JSON log lines go instead of stdout (tests capture them). */
  logDestination?: DestinationStream;
}

/** Migrates, builds the worker context and starts its BullMQ workers. Logs JSON lines like the api. */
export async function createWorkerApp(config: AppConfig, options: WorkerAppOptions = {}): Promise<INestApplicationContext> {
  await migrate(config.DATABASE_URL);
  const logging = options.logger !== false;
  const app = await NestFactory.createApplicationContext(
    WorkerRootModule.forRoot(config, options.clock, logging ? { destination: options.logDestination } : null),
    {
      logger: logging ? nestLogLevels(config.LOG_LEVEL) || [] : false,
      bufferLogs: logging,
    },
  );
  if (logging) app.useLogger(app.get(Logger));
  // No enableShutdownHooks: main.ts installs the graceful shutdown (finish running jobs, then close).
  await app.get(JobWorkers).start();
  return app;
}
