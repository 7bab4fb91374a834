import { DataSource } from 'typeorm';
import { OutboxRelay } from '@dhr/jobs';
import { AlarmScheduler } from '@dhr/notifications';
import { ReconcileHandler } from '../libs/notifications/src/reconcile.handler';
import { deleteQueueKeys, TestApp } from '../test/support/test-app';
import { timed } from './baselines';

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
