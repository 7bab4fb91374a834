import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig, Clock } from '@dhr/core';
import { jobOptions } from './job-options';
import { JOB_QUEUE, JobItem, QueueName, QUEUES } from './job.types';
import { createRedis } from './redis-connection';
import { bringForward } from './retry-policy';

/** Adds jobs to BullMQ under this deployment's QUEUE_PREFIX. */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.connection = createRedis(config.REDIS_URL);
    for (const name of Object.values(QUEUES)) {
      this.queues.set(name, new Queue(name, { connection: this.connection, prefix: config.QUEUE_PREFIX }));
    }
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  /** Adds a job to run at `runAt` (now when absent). A job with the same id already present is left as it is. */
  async add(job: JobItem, runAt?: Date): Promise<void> {
    const options = jobOptions(job, runAt, this.clock.now());
    await this.queue(JOB_QUEUE[job.name]).add(job.name, job.data, options);
  }

  /**
   * Adds a job like `add`; and when it is due but its deterministic id is held by a retry
   * waiting out its backoff (or by a job that gave up), runs that one now instead, since
   * adding it again would be a no-op. For the sweep, so a due alarm is never left late.
   */
  async addOrBringForward(job: JobItem, runAt?: Date): Promise<'added' | 'promote' | 'retry' | null> {
    await this.add(job, runAt);
    const now = this.clock.now();
    if (runAt && runAt.getTime() > now.getTime()) return 'added';
    const queue = this.queue(JOB_QUEUE[job.name]);
    const { jobId } = jobOptions(job);
    const action = bringForward(await queue.getJobState(jobId!), runAt, now);
    if (!action) return null;
    const held = await queue.getJob(jobId!);
    // It may have moved on meanwhile (a worker took it): then there is nothing to bring forward.
    try {
      if (action === 'promote') await held?.promote();
      else await held?.retry('failed');
    } catch {
      return null;
    }
    return action;
  }

  async has(job: JobItem): Promise<boolean> {
    const { jobId } = jobOptions(job);
    return (await this.queue(JOB_QUEUE[job.name]).getJob(jobId!)) !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
