import { Global, Module, OnModuleInit } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JobQueue, OutboxRelay, QUEUES } from '@dhr/jobs';
import { Metrics, MetricsModule, QueueDepth } from './metrics';
import { Readiness } from './readiness';
import { ShutdownState } from './shutdown';

/** The states a queue's depth is reported in (BullMQ getJobCounts). */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/**
 * Operations for an app that runs against Postgres and Redis: readiness, the
 * shutdown state, and the scrape-time gauges (outbox depth from the outbox's owner,
 * queue depth from BullMQ). Global: the api's controllers and main.ts reach it.
 */
@Global()
@Module({
  imports: [MetricsModule, TerminusModule.forRoot({ errorLogStyle: 'json' })],
  providers: [Readiness, ShutdownState],
  exports: [Readiness, ShutdownState],
})
export class OpsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly relay: OutboxRelay,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.metrics.useSources({
      outboxDepth: () => this.relay.pendingCount(),
      queueDepths: async () => {
        const perQueue = await Promise.all(
          Object.values(QUEUES).map(async (queue): Promise<QueueDepth[]> => {
            const counts = await this.jobs.queue(queue).getJobCounts(...QUEUE_STATES);
            return QUEUE_STATES.map((state) => ({ queue, state, count: counts[state] ?? 0 }));
          }),
        );
        return perQueue.flat();
      },
    });
  }
}
