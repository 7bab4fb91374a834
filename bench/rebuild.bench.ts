/**
 * Rebuilding every alarm after Redis lost them (a flush, a failover without persistence):
 * the sweep over N open clocks against raw BullMQ addBulk of exactly the same jobs.
 *
 *   TS_NODE_TRANSPILE_ONLY=true TZ=UTC node -r ts-node/register -r tsconfig-paths/register \
 *     -e "require('./bench/rebuild.bench').run({scale:'quick'}).then(r=>console.log(r))"
 */
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { BankHolidays, ClocksService, planClockAlarms, RULEBOOK } from '@dhr/clocks';
import { createRedis, JobItem, JobQueue, jobOptions } from '@dhr/jobs';
import { SENT_STEPS_SQL } from '@dhr/notifications';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import { ReconcileHandler } from '../libs/notifications/src/reconcile.handler';
import { deleteQueueKeys, startTestApp, TestApp } from '../test/support/test-app';
import { benchReview, insertClocks } from './alarm-fixtures';
import { scratchId, timed } from './baselines';
import type { BenchSection } from './section';

const CLOCKS = { full: 100_000, quick: 5_000 };
const BULK = 1000;

/** The jobs the sweep would add for every open clock, planned (untimed) the same way. */
async function plannedJobs(t: TestApp): Promise<{ job: JobItem; runAt: Date }[]> {
  const clocks = t.app.get(ClocksService);
  const rulebook = t.app.get<Rulebook>(RULEBOOK);
  const holidays = t.app.get(BankHolidays);
  const jobs: { job: JobItem; runAt: Date }[] = [];
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const page = await clocks.openClocksWith<string[]>({ afterId: after, limit: 5000 }, SENT_STEPS_SQL);
    const alarms = planClockAlarms(
      page.map(({ clock, extra }) => ({ clock, sentSteps: new Set(extra) })),
      (kind) => rulebook.clocks[kind],
      new Date(),
      holidays,
    );
    for (const a of alarms) {
      jobs.push({ job: { name: 'clock-alarm', data: { clockId: a.clockId, step: a.step, dueAt: a.dueAt.toISOString() } }, runAt: a.at });
    }
    if (page.length < 5000) return jobs;
    after = page.at(-1)!.clock.id;
  }
}

/** Raw BullMQ: addBulk of `jobs` in chunks of BULK, same ids and options, under a scratch prefix. Returns seconds. */
async function rawAddBulkSeconds(t: TestApp, jobs: { job: JobItem; runAt: Date }[]): Promise<number> {
  const scratch = { ...t.config, QUEUE_PREFIX: `bench_rebuild_${scratchId()}` };
  const connection = createRedis(t.config.REDIS_URL);
  const queue = new Queue('alarms', { connection, prefix: scratch.QUEUE_PREFIX });
  try {
    const now = new Date();
    const bulk = jobs.map(({ job, runAt }) => ({ name: job.name, data: job.data, opts: jobOptions(job, runAt, now) }));
    return await timed(async () => {
      for (let i = 0; i < bulk.length; i += BULK) await queue.addBulk(bulk.slice(i, i + BULK));
    });
  } finally {
    await queue.close();
    await connection.quit();
    await deleteQueueKeys(scratch);
  }
}

export async function run(options: { scale: 'full' | 'quick' }): Promise<BenchSection[]> {
  const n = CLOCKS[options.scale];
  const t = await startTestApp();
  try {
    const db = t.app.get(DataSource);
    const { seed, reviewId } = await benchReview(t, 'RBLD');
    // Due over the next six months, so each has its reminders and its first escalation still to come.
    await insertClocks(db, reviewId, seed.partnership.id, n, `now() + interval '20 days' + g * interval '150 seconds'`, 'rebuild');
    await db.query('ANALYZE clocks');
    let jobs: { job: JobItem; runAt: Date }[] = [];
    const planSeconds = await timed(async () => (jobs = await plannedJobs(t)));
    const sweep = t.app.get(ReconcileHandler);
    const rawSeconds = await rawAddBulkSeconds(t, jobs);
    await deleteQueueKeys(t.config); // Redis lost every alarm
    const oursSeconds = await timed(() => sweep.handle());
    const alarms = await t.app.get(JobQueue).queue('alarms').getDelayedCount();
    const ratio = rawSeconds / oursSeconds; // our rate as a share of raw addBulk's
    return [
      {
        name: `rebuild of alarms after a Redis flush, ${n.toLocaleString('en-GB')} open clocks (${jobs.length.toLocaleString('en-GB')} jobs)`,
        baseline: `raw addBulk of the same jobs: ${rawSeconds.toFixed(1)} s (${Math.round(jobs.length / rawSeconds).toLocaleString('en-GB')} jobs/s)`,
        ours: `full sweep: ${oursSeconds.toFixed(1)} s (${Math.round(jobs.length / oursSeconds).toLocaleString('en-GB')} jobs/s)`,
        ratio: Number(ratio.toFixed(2)),
        target: '≥ 0.5 of raw addBulk rate',
        met: ratio >= 0.5 && alarms >= jobs.length,
        notes: [
          `alarm jobs in Redis after the sweep: ${alarms.toLocaleString('en-GB')} (planned ${jobs.length.toLocaleString('en-GB')}, and the daily digest)`,
          `reading and planning alone (no Redis): ${planSeconds.toFixed(1)} s`,
        ],
      },
    ];
  } finally {
    await t.close();
  }
}
