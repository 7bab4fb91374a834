/**
 * Alarms falling due together: N alarms due across one minute, each emailed (counted at a
 * real SMTP server), their lateness (email received − alarm due) against raw BullMQ delayed
 * jobs of the same count and spread (lateness: processed − due). Also `alarmRound`, the
 * older scheduling/sweep round that bench/run.ts uses.
 *
 *   TS_NODE_TRANSPILE_ONLY=true TZ=UTC node -r ts-node/register -r tsconfig-paths/register \
 *     -e "require('./bench/alarms.bench').run({scale:'quick'}).then(r=>console.log(r))"
 */
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { createRedis, JobQueue, OutboxRelay } from '@dhr/jobs';
import { AlarmScheduler } from '@dhr/notifications';
import { ProductProcess } from '../test/faults/support/fleet';
import { ReconcileHandler } from '../libs/notifications/src/reconcile.handler';
import { notificationIdOf } from '../test/support/notifications-db';
import { rulebookFile } from '../test/support/rulebooks';
import { SmtpSink } from '../test/support/smtp-sink';
import { deleteQueueKeys, startTestApp, TestApp } from '../test/support/test-app';
import { sleep } from '../test/support/wait-for';
import { benchReview, insertClocks, ms, quantile } from './alarm-fixtures';
import { scratchId, timed } from './baselines';
import type { BenchSection } from './section';

export interface AlarmRound {
  clocks: number;
  /** Alarm jobs planned and added for those clocks. */
  jobs: number;
  scheduleSeconds: number;
  /** Full reconcile with every alarm already in Redis (the steady state every SWEEP_INTERVAL_SECONDS). */
  warmSweepSeconds: number;
  /** Full reconcile after the queue's Redis keys were deleted (a Redis flush): every alarm re-added. */
  coldSweepSeconds: number;
}

/**
 * Starts from exactly `n` open clocks (every other open clock cancelled, the
 * queue emptied), inserted straight into Postgres as 6-month `completion` clocks on
 * an existing review, then schedules their alarms through AlarmScheduler.scheduleClock
 * one by one (as the outbox relay does) and times two full sweeps over them.
 */
export async function alarmRound(t: TestApp, n: number, round: number): Promise<AlarmRound> {
  const db = t.app.get(DataSource);
  await t.app.get(OutboxRelay).relayPending();
  await db.query(`UPDATE clocks SET status = 'cancelled', updated_at = now() WHERE status IN ('open', 'on_hold')`);
  await deleteQueueKeys(t.config);
  const [review]: { id: string; partnership_id: string }[] = await db.query('SELECT id, partnership_id FROM reviews LIMIT 1');
  const clocks: { id: string }[] = await db.query(
    `INSERT INTO clocks (review_id, partnership_id, kind, subject_key, rulebook_id, started_at, due_at, status)
     SELECT $1, $2, 'completion', 'bench:' || $3 || ':' || g, 'dhr-2016', now(), now() + interval '6 months', 'open'
     FROM generate_series(1, $4) g RETURNING id`,
    [review.id, review.partnership_id, round, n],
  );

  const scheduler = t.app.get(AlarmScheduler);
  let jobs = 0;
  const scheduleSeconds = await timed(async () => {
    for (const clock of clocks) jobs += await scheduler.scheduleClock(clock.id);
  });
  const sweep = t.app.get(ReconcileHandler);
  const warmSweepSeconds = await timed(() => sweep.handle());
  await deleteQueueKeys(t.config);
  const coldSweepSeconds = await timed(() => sweep.handle());
  return { clocks: clocks.length, jobs, scheduleSeconds, warmSweepSeconds, coldSweepSeconds };
}

/** How many alarms, over how long, starting how far ahead (time for the sweep to plan them). */
const SCALE = { full: { alarms: 10_000, spreadMs: 60_000, leadMs: 20_000 }, quick: { alarms: 1_000, spreadMs: 10_000, leadMs: 10_000 } };

interface Lateness {
  lateMs: number[];
  lost: number;
  doubled: number;
}

const describeLateness = (l: Lateness) =>
  `p50 ${ms(quantile(l.lateMs, 0.5))}, p99 ${ms(quantile(l.lateMs, 0.99))}, max ${ms(quantile(l.lateMs, 1))}` +
  (l.lost || l.doubled ? `; ${l.lost} lost, ${l.doubled} doubled` : '');

/** Raw BullMQ: `n` delayed jobs due evenly across `spreadMs` from `leadMs` ahead, one worker (concurrency 10), no Postgres. */
async function rawLateness(redisUrl: string, n: number, spreadMs: number, leadMs: number): Promise<Lateness> {
  const prefix = `bench_raw_${scratchId()}`;
  const connection = createRedis(redisUrl);
  const workerConnection = createRedis(redisUrl);
  const queue = new Queue('raw', { connection, prefix });
  const lateMs: number[] = [];
  const seen = new Set<number>();
  let doubled = 0;
  const worker = new Worker(
    'raw',
    async (job) => {
      lateMs.push(Date.now() - job.data.due);
      if (seen.has(job.data.i)) doubled++;
      seen.add(job.data.i);
    },
    { connection: workerConnection, prefix, concurrency: 10 },
  );
  try {
    const start = Date.now() + leadMs;
    const jobs = Array.from({ length: n }, (_, i) => {
      const due = start + Math.floor((i * spreadMs) / n);
      return { name: 'raw', data: { i, due }, opts: { jobId: `raw_${i}`, delay: due - Date.now() } };
    });
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    const deadline = start + spreadMs + 120_000;
    while (seen.size < n && Date.now() < deadline) await sleep(200);
    return { lateMs: lateMs.sort((a, b) => a - b), lost: n - seen.size, doubled };
  } finally {
    await worker.close();
    await queue.close();
    await connection.quit();
    await workerConnection.quit();
    await deleteQueueKeys({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix } as TestApp['config']);
  }
}

/**
 * Ours: `n` open clocks due evenly across `spreadMs` from `leadMs` ahead, each with one alarm
 * (a rulebook without reminders: the escalation at due, to the one coordinator), planned by
 * one sweep, run by two worker processes (`apps/worker`, as deployed: each its own Node
 * thread, not sharing the bench's), each emailed through a real SMTP server in the bench.
 */
async function oursLateness(n: number, spreadMs: number, leadMs: number): Promise<Lateness & { planSeconds: number }> {
  const smtp = await new SmtpSink().start();
  const rulebook = rulebookFile({ id: 'bench-burst', clocks: { completion: { reminders: [] } } });
  const t = await startTestApp({ env: { RULEBOOK_FILE: rulebook, SMTP_URL: smtp.url, LOG_LEVEL: 'info' } });
  const workers = [new ProductProcess('worker-1', 'worker', t.config), new ProductProcess('worker-2', 'worker', t.config)];
  try {
    const db = t.app.get(DataSource);
    const { seed, reviewId } = await benchReview(t, 'ALRM');
    // Started before the clocks exist, so that their start-up is not counted as lateness.
    for (const worker of workers) worker.start();
    await Promise.all(workers.map((worker) => worker.ready()));
    const start = Date.now() + leadMs;
    await insertClocks(
      db,
      reviewId,
      seed.partnership.id,
      n,
      `to_timestamp((${start} + floor((g - 1) * ${spreadMs}::numeric / ${n})) / 1000.0)`,
      'burst',
    );
    const clocks: { id: string; due: string }[] = await db.query(
      `SELECT id, (extract(epoch FROM due_at) * 1000)::bigint AS due FROM clocks WHERE subject_key LIKE 'burst:%'`,
    );
    const dueOf = new Map(clocks.map((c) => [c.id, Number(c.due)]));
    const planSeconds = await timed(() => t.app.get(ReconcileHandler).handle());
    if (Date.now() > start) throw new Error('planning ended after the first alarm was due: raise leadMs');
    const deadline = start + spreadMs + 180_000;
    const ours = async () =>
      (await db.query(`SELECT id, clock_id FROM notifications WHERE clock_id = ANY($1::uuid[])`, [clocks.map((c) => c.id)])) as {
        id: string;
        clock_id: string;
      }[];
    let rows = await ours();
    while (Date.now() < deadline) {
      if (process.env.BENCH_DEBUG) {
        const jq = t.app.get(JobQueue);
        const counts = async (q: 'alarms' | 'email') =>
          JSON.stringify(await jq.queue(q).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'));
        const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`);
        console.log(
          new Date().toISOString(),
          'alarms',
          await counts('alarms'),
          'email',
          await counts('email'),
          'rows',
          rows.length,
          'smtp',
          smtp.received.length,
          'outbox',
          pending,
        );
      }
      const ids = new Set(rows.map((r) => r.id));
      if (rows.length >= n && smtp.received.filter((m) => ids.has(notificationIdOf(m.messageId))).length >= rows.length) break;
      await sleep(500);
      rows = await ours();
    }
    await sleep(2000); // anything doubled arrives too
    rows = await ours();
    const clockOf = new Map(rows.map((r) => [r.id, r.clock_id]));
    const lateMs: number[] = [];
    const emailed = new Map<string, number>();
    for (const m of smtp.received) {
      const clockId = clockOf.get(notificationIdOf(m.messageId));
      if (!clockId) continue;
      emailed.set(clockId, (emailed.get(clockId) ?? 0) + 1);
      lateMs.push(m.receivedAt.getTime() - dueOf.get(clockId)!);
    }
    const doubled = [...emailed.values()].reduce((a, k) => a + k - 1, 0);
    return { lateMs: lateMs.sort((a, b) => a - b), lost: n - emailed.size, doubled, planSeconds };
  } finally {
    await Promise.all(workers.map((worker) => worker.kill()));
    await t.close();
    await smtp.stop();
  }
}

export async function run(options: { scale: 'full' | 'quick' }): Promise<BenchSection[]> {
  const { alarms, spreadMs, leadMs } = SCALE[options.scale];
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const raw = await rawLateness(redisUrl, alarms, spreadMs, leadMs);
  const ours = await oursLateness(alarms, spreadMs, leadMs);
  const p99 = quantile(ours.lateMs, 0.99);
  return [
    {
      name: `alarm lateness, ${alarms.toLocaleString('en-GB')} alarms due across ${spreadMs / 1000} s`,
      baseline: `raw BullMQ delayed jobs (processed − due): ${describeLateness(raw)}`,
      ours: `alarm → notification → email at the SMTP server (received − due): ${describeLateness(ours)}`,
      ratio: Number((quantile(raw.lateMs, 0.99) / p99).toFixed(3)),
      target: 'p99 ≤ 1 s, none lost or doubled',
      met: p99 <= 1000 && ours.lost === 0 && ours.doubled === 0,
      notes: [`planned by one sweep in ${ours.planSeconds.toFixed(1)} s; two worker processes (alarms ×8, emails ×10 each)`],
    },
  ];
}
