import { Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue.service';
import { JobWorkers } from './job-workers';
import { OutboxRelay, OutboxWriter } from './outbox';

/** Queues, the outbox and the handler registry: shared by api (producer) and worker (consumer). */
@Global()
@Module({
  providers: [JobQueue, JobHandlers, JobWorkers, OutboxWriter, OutboxRelay],
  exports: [JobQueue, JobHandlers, JobWorkers, OutboxWriter, OutboxRelay],
})
export class JobsModule {}
