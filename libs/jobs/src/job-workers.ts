import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import { AppConfig } from '@dhr/core';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue.service';
import { QueueName, QUEUES } from './job.types';
import type { Redis } from 'ioredis';
import { createRedis } from './redis-connection';
import { cappedBackoff, isDependencyUnavailable, outageRetryAt, waitsOutOutages } from './retry-policy';

// Alarms each hold a transaction (a pool connection) while they decide; emails mostly wait on SMTP, so run more of them.
// Indexing a document's text is CPU-bound (PDF parsing): one at a time.
const CONCURRENCY: Record<QueueName, number> = { alarms: 8, email: 10, maintenance: 1, search: 1 };

/** The BullMQ workers of this process, and the periodic reconciliation sweep. */
@Injectable()
export class JobWorkers implements OnModuleDestroy {
  private readonly logger = new Logger('JobWorkers');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private watchdog: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;
  /** When this process last logged that jobs are waiting out an outage (once a minute at most). */
  private outageLoggedAt = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly handlers: JobHandlers,
    private readonly jobs: JobQueue,
  ) {}

  async start(): Promise<void> {
    this.handlers.assertComplete();
    for (const queue of Object.values(QUEUES)) {
      const connection = createRedis(this.config.REDIS_URL);
      this.connections.push(connection);
      const worker = new Worker(queue, (job, token) => this.run(queue, job, token), {
        connection,
        settings: { backoffStrategy: cappedBackoff },
        prefix: this.config.QUEUE_PREFIX,
        concurrency: CONCURRENCY[queue],
        lockDuration: this.config.WORKER_LOCK_SECONDS * 1000,
        stalledInterval: (this.config.WORKER_LOCK_SECONDS * 1000) / 2,
      });
      // Ids only: a job's data never holds personal data, but its error might.
      worker.on('failed', (job, error) =>
        this.logger.warn(`${queue} job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.name}`),
      );
      worker.on('error', (error) => this.logger.error(`${queue} worker error: ${error.name}`));
      this.workers.push(worker);
    }
    await this.ensureSweepScheduled();
    // Redis may lose the scheduler with everything else (a flush, a failover without
    // persistence): every worker re-asserts it, which is idempotent, on the same beat.
    this.watchdog = setInterval(() => void this.ensureSweepScheduled().catch(() => undefined), this.config.SWEEP_INTERVAL_SECONDS * 1000);
    this.watchdog.unref();
    await this.jobs.add({ name: 'reconcile', data: {} }); // catch up at once after a start
    this.logger.log(`workers running on queues ${Object.values(QUEUES).join(', ')} (prefix ${this.config.QUEUE_PREFIX})`);
  }

  /**
   * Runs a job. One that failed because Postgres or Redis is unreachable is put back for
   * a few seconds without spending an attempt (see retry-policy.ts): it goes on trying
   * for as long as the outage lasts, and runs within seconds of its end.
   */
  private async run(queue: QueueName, job: Job, token?: string): Promise<void> {
    try {
      await this.handlers.get(job.name)(job.data, job);
    } catch (error) {
      if (!token || !waitsOutOutages(job.name) || !isDependencyUnavailable(error)) throw error;
      await job.moveToDelayed(outageRetryAt(Date.now()), token);
      if (Date.now() - this.outageLoggedAt > 60_000) {
        this.outageLoggedAt = Date.now();
        this.logger.warn(
          `${queue} job ${job.id} waits out an outage (${(error as Error).name}): jobs retry every few seconds until it ends`,
        );
      }
      throw new DelayedError();
    }
  }

  private ensureSweepScheduled(): Promise<unknown> {
    return this.jobs
      .queue(QUEUES.maintenance)
      .upsertJobScheduler('reconcile-sweep', { every: this.config.SWEEP_INTERVAL_SECONDS * 1000 }, { name: 'reconcile', data: {} });
  }

  /**
   * Stops taking jobs and waits for the running ones to finish, for at most `graceMs`
   * (then leaves them: their lock expires and another worker takes them over). Once only.
   */
  stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopping ??= (async () => {
      if (this.watchdog) clearInterval(this.watchdog);
      const closed = Promise.all(this.workers.map((w) => w.close()));
      let deadline: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        closed.then(() => true),
        ...(Number.isFinite(graceMs) ? [new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), graceMs)))] : []),
      ]);
      clearTimeout(deadline);
      if (!finished) this.logger.warn('jobs still running at the shutdown deadline: left to be taken over after their lock');
      // Connections we hand to BullMQ stay ours to close.
      await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
    })();
    return this.stopping;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
