import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { AppConfig, dropDatabase, ensureDatabase } from '@dhr/core';
import { createRedis, JobItem, jobOptions } from '@dhr/jobs';
import { deleteQueueKeys } from '../test/support/test-app';

const exec = promisify(execFile);

export const scratchId = () => `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** Runs `work` once and returns how long it took, in seconds. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export interface PgbenchDatabase {
  /** TPS of pgbench's built-in simple-update script (`-N`) with 4 clients on 2 threads. */
  tps(seconds: number): Promise<number>;
  drop(): Promise<void>;
}

/** A scratch database initialised with `pgbench -i -s 1`, for baseline runs; `drop()` removes it. */
export async function pgbenchDatabase(serverUrl: string): Promise<PgbenchDatabase> {
  const url = `${serverUrl}/bench_pgbench_${scratchId()}`;
  await ensureDatabase(url);
  const drop = () => dropDatabase(url);
  try {
    await exec('pgbench', ['-i', '-s', '1', '-q', url], { timeout: 120_000 });
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    drop,
    async tps(seconds) {
      const args = ['-N', '-c', '4', '-j', '2', '-T', String(seconds), url];
      const { stdout } = await exec('pgbench', args, { timeout: (seconds + 60) * 1000 });
      const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
      if (!match) throw new Error(`unexpected pgbench output:\n${stdout}`);
      return Number(match[1]);
    },
  };
}

/**
 * Raw BullMQ: `Queue.add` of `n` delayed alarm jobs, one after another, with the
 * app's own payload shape and job options (deterministic id, delay, retries) but no
 * Postgres and no planning, under a scratch prefix deleted afterwards. Returns jobs/s.
 */
export async function rawBullmqJobsPerSecond(config: AppConfig, n: number): Promise<number> {
  const scratch: AppConfig = { ...config, QUEUE_PREFIX: `bench_raw_${scratchId()}` };
  const connection = createRedis(config.REDIS_URL);
  const queue = new Queue('alarms', { connection, prefix: scratch.QUEUE_PREFIX });
  try {
    const now = new Date();
    const runAt = new Date(now.getTime() + 30 * 86_400_000);
    const jobs: JobItem[] = Array.from({ length: n }, () => ({
      name: 'clock-alarm',
      data: { clockId: randomUUID(), step: 'reminder-14d', dueAt: runAt.toISOString() },
    }));
    const seconds = await timed(async () => {
      for (const job of jobs) await queue.add(job.name, job.data, jobOptions(job, runAt, now));
    });
    return n / seconds;
  } finally {
    await queue.close();
    await connection.quit();
    await deleteQueueKeys(scratch);
  }
}
