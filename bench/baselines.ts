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

/** Median of a list (the upper middle for an even length). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A number for a table cell: grouped thousands from 100, else 1 or 2 decimals, or 2 significant digits below 0.1. */
export const fmt = (x: number) =>
  x >= 100 ? Math.round(x).toLocaleString('en-GB') : x >= 0.1 || x === 0 ? x.toFixed(x >= 10 ? 1 : 2) : x.toPrecision(2);

/** The server part of a database URL (`postgres://user@host:port`), for scratch databases beside it. */
export const serverUrlOf = (databaseUrl: string) => databaseUrl.replace(/\/[^/]*$/, '');

/**
 * Runs pgbench against `url` with `args` (a script and its options) and returns the tps it reports,
 * excluding connection time. Fails loudly on any error pgbench reports (a script that no longer
 * matches the schema must not pass for a fast one).
 */
export async function pgbenchTps(url: string, seconds: number, args: string[]): Promise<number> {
  const { stdout } = await exec('pgbench', ['-n', '-T', String(seconds), ...args, url], { timeout: (seconds + 60) * 1000 });
  const failed = /number of failed transactions: (\d+)/.exec(stdout);
  if (failed && Number(failed[1]) > 0) throw new Error(`pgbench: failed transactions\n${stdout}`);
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!match) throw new Error(`unexpected pgbench output:\n${stdout}`);
  return Number(match[1]);
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

/** A JSON POST from a bench client: the answer's body, or an error naming the status (`expected` exactly, else any 2xx). */
export async function postJson(url: string, token: string, body: object, expected?: number): Promise<{ id?: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await res.json()) as { id?: string };
  const ok = expected === undefined ? res.status < 300 : res.status === expected;
  if (!ok) throw new Error(`POST ${url}: expected ${expected ?? '2xx'}, got ${res.status} ${JSON.stringify(json)}`);
  return json;
}
