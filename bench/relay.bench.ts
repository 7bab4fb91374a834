/**
 * The post-commit outbox relay under clock-moving load: HTTP clients put reviews on hold
 * and resume them as fast as the API takes it (every resume moves every held clock), and
 * each clock.changed row's lag from its transaction to its alarms being in Redis is read
 * back from the outbox. Baseline, same load and same process: a relay whose clock.changed
 * handler queues one plain job per row (no reading, no planning) — the floor of the machinery.
 *
 *   TS_NODE_TRANSPILE_ONLY=true TZ=UTC node -r ts-node/register -r tsconfig-paths/register \
 *     -e "require('./bench/relay.bench').run({scale:'quick'}).then(r=>console.log(r))"
 */
import { DataSource } from 'typeorm';
import { JobQueue, OutboxRelay } from '@dhr/jobs';
import { AlarmScheduler } from '@dhr/notifications';
import type { Seed } from '../test/support/actors';
import { dateDaysAgo, daysAgo, reviewBody } from '../test/support/review-driver';
import { startTestApp, TestApp } from '../test/support/test-app';
import { sleep } from '../test/support/wait-for';
import { benchReview, ms, quantile } from './alarm-fixtures';
import type { BenchSection } from './section';
import { postJson } from './baselines';

const SCALE = { full: { seconds: 30, clients: 4 }, quick: { seconds: 8, clients: 4 } };

interface LoadRun {
  eventsPerSecond: number;
  rowsPerSecond: number;
  lagMs: number[];
  unrelayedAtStop: number;
}

/** One client: a review of its own, commissioned, then on hold and resumed again and again until `until`. */
async function client(api: string, seed: Seed, until: number): Promise<number> {
  const token = seed.coordinator.token;
  const review = await postJson(
    `${api}/reviews`,
    token,
    reviewBody(seed.partnership.id, { notifiedAt: daysAgo(1), deathDate: dateDaysAgo(3) }),
  );
  await postJson(`${api}/reviews/${review.id}/events`, token, { type: 'DECIDE_TO_COMMISSION', rationale: 'Criteria met' });
  await postJson(`${api}/reviews/${review.id}/events`, token, { type: 'APPOINT_CHAIR', userId: seed.chair.id });
  let events = 0;
  while (Date.now() < until) {
    await postJson(`${api}/reviews/${review.id}/events`, token, {
      type: 'PUT_ON_HOLD',
      kind: 'inquest',
      scope: 'review',
      reason: 'inquest',
    });
    await postJson(`${api}/reviews/${review.id}/events`, token, { type: 'RESUME' });
    events += 2;
  }
  return events;
}

async function loadRun(t: TestApp, api: string, seed: Seed, seconds: number, clients: number): Promise<LoadRun> {
  const db = t.app.get(DataSource);
  const relay = t.app.get(OutboxRelay);
  await relay.relayPending();
  const [{ from }] = await db.query(`SELECT COALESCE(max(id), 0) AS from FROM outbox`);
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  const counts = await Promise.all(Array.from({ length: clients }, () => client(api, seed, until)));
  const elapsed = (performance.now() - started) / 1000;
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE id > $1 AND relayed_at IS NULL`, [from]);
  for (let i = 0; i < 600 && (await relay.pendingCount()) > 0; i++) await sleep(100); // the post-commit relay drains
  await relay.relayPending();
  const rows: { lag: number }[] = await db.query(
    `SELECT extract(epoch FROM relayed_at - created_at) * 1000 AS lag FROM outbox WHERE id > $1 AND topic = 'clock.changed' ORDER BY lag`,
    [from],
  );
  return {
    eventsPerSecond: counts.reduce((a, b) => a + b, 0) / elapsed,
    rowsPerSecond: rows.length / elapsed,
    lagMs: rows.map((r) => Number(r.lag)),
    unrelayedAtStop: n,
  };
}

const describeRun = (r: LoadRun) =>
  `lag p50 ${ms(quantile(r.lagMs, 0.5))}, p99 ${ms(quantile(r.lagMs, 0.99))}, max ${ms(quantile(r.lagMs, 1))}; ` +
  `${Math.round(r.eventsPerSecond)} events/s, ${Math.round(r.rowsPerSecond)} clock rows/s, ${r.unrelayedAtStop} unrelayed at stop`;

export async function run(options: { scale: 'full' | 'quick' }): Promise<BenchSection[]> {
  const { seconds, clients } = SCALE[options.scale];
  const t = await startTestApp();
  try {
    await t.app.listen(0, '127.0.0.1');
    const api = `${await t.app.getUrl()}/api`;
    const { seed } = await benchReview(t, 'RLAY');
    const relay = t.app.get(OutboxRelay);
    const jobs = t.app.get(JobQueue);
    const scheduler = t.app.get(AlarmScheduler);
    const far = new Date(Date.now() + 365 * 86_400_000);

    // Baseline: the same relay, its clock.changed rows turned into one plain job each.
    relay.onBatch('clock.changed', (rows) =>
      jobs.addBulk(
        rows.map(({ clockId }, i) => ({
          job: { name: 'clock-alarm', data: { clockId, step: `bench-${Date.now()}-${i}`, dueAt: far.toISOString() } },
          runAt: far,
        })),
      ),
    );
    const baseline = await loadRun(t, api, seed, seconds, clients);
    // Ours: the real handler back (as NotificationsModule registers it).
    relay.onBatch('clock.changed', async (rows) => void (await scheduler.scheduleClocks(rows.map((r) => r.clockId))));
    const ours = await loadRun(t, api, seed, seconds, clients);
    const p99 = quantile(ours.lagMs, 0.99);
    return [
      {
        name: `outbox relay lag under hold/resume load (${clients} clients, ${seconds} s)`,
        baseline: `relay queueing one plain job per row: ${describeRun(baseline)}`,
        ours: `relay planning each clock's alarms: ${describeRun(ours)}`,
        ratio: Number((quantile(baseline.lagMs, 0.99) / p99).toFixed(2)),
        target: 'p99 lag ≤ 1 s',
        met: p99 <= 1000,
        notes: ['lag: from the outbox row (its transaction start) to relayed (alarms in Redis, row marked); one API process'],
      },
    ];
  } finally {
    await t.close();
  }
}
