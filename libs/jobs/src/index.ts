export * from './job-handlers';
export * from './job-options';
export * from './job-queue.service';
export * from './job-workers';
export * from './job.types';
export * from './jobs.module';
export * from './outbox';
export * from './redis-connection';
