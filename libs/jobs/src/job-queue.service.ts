import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig, Clock } from '@dhr/core';
import { jobOptions } from './job-options';
import { JOB_QUEUE, JobItem, QueueName, QUEUES } from './job.types';
import { createRedis } from './redis-connection';
import { bringForward } from './retry-policy';

/** How many jobs go in one MULTI (or are checked at once): big enough to amortise the round trip, small enough not to stall Redis. */
const BULK_CHUNK = 1000;

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
    return this.bringForward(job, runAt, now);
  }

  /**
   * Adds many jobs in one round trip per queue (BullMQ's addBulk: one MULTI). Each keeps
   * its deterministic id, so one already present is left as it is, exactly as with `add`.
   */
  async addBulk(items: readonly { job: JobItem; runAt?: Date }[]): Promise<void> {
    const now = this.clock.now();
    const byQueue = new Map<QueueName, Parameters<Queue['addBulk']>[0]>();
    for (const { job, runAt } of items) {
      const queue = JOB_QUEUE[job.name];
      if (!byQueue.has(queue)) byQueue.set(queue, []);
      byQueue.get(queue)!.push({ name: job.name, data: job.data, opts: jobOptions(job, runAt, now) });
    }
    for (const [queue, jobs] of byQueue) {
      for (let i = 0; i < jobs.length; i += BULK_CHUNK) await this.queue(queue).addBulk(jobs.slice(i, i + BULK_CHUNK));
    }
  }

  /**
   * `addBulk`, then `addOrBringForward`'s check for the jobs already due only (a page's
   * future alarms need none), their states read concurrently (pipelined on the connection).
   */
  async addBulkOrBringForward(items: readonly { job: JobItem; runAt?: Date }[]): Promise<number> {
    await this.addBulk(items);
    const now = this.clock.now();
    const due = items.filter(({ runAt }) => !runAt || runAt.getTime() <= now.getTime());
    let broughtForward = 0;
    for (let i = 0; i < due.length; i += BULK_CHUNK) {
      const actions = await Promise.all(due.slice(i, i + BULK_CHUNK).map(({ job, runAt }) => this.bringForward(job, runAt, now)));
      broughtForward += actions.filter(Boolean).length;
    }
    return broughtForward;
  }

  private async bringForward(job: JobItem, runAt: Date | undefined, now: Date): Promise<'promote' | 'retry' | null> {
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
