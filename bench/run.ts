/**
 * Engine benchmarks, each as a ratio against a baseline run in the same command.
 *
 *   TS_NODE_TRANSPILE_ONLY=true TZ=UTC node -r ts-node/register -r tsconfig-paths/register bench/run.ts
 *
 * Boots the real API on a throwaway database and queue prefix (as the e2e tests do),
 * alternates baseline and engine runs ROUNDS times, prints the medians as a markdown
 * table and writes it to bench/results.md. Everything it creates is removed at the end.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { OutboxRelay } from '@dhr/jobs';
import { seedPartnership } from '../test/support/actors';
import { startTestApp, TestApp } from '../test/support/test-app';
import { alarmRound, AlarmRound } from './alarms.bench';
import { PgbenchDatabase, pgbenchDatabase, rawBullmqJobsPerSecond } from './baselines';
import { spineRun, SpineRun } from './spine.bench';

const ROUNDS = 3;
const SECONDS = 10;
const CLIENTS = 4;
const CLOCKS = 2000;
const TIME_LIMIT_MS = 10 * 60_000;
const COMMAND = 'TS_NODE_TRANSPILE_ONLY=true TZ=UTC node -r ts-node/register -r tsconfig-paths/register bench/run.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(x >= 10 ? 1 : 2));
const runs = (xs: number[]) => xs.map(fmt).join(' / ');

interface Results {
  pgbenchTps: number[];
  spine: SpineRun[];
  rawJobsPerSecond: number[];
  alarms: AlarmRound[];
}

async function measure(t: TestApp, pgbench: PgbenchDatabase): Promise<Results> {
  await t.app.listen(0, '127.0.0.1');
  const api = `${await t.app.getUrl()}/api`;
  const seed = await seedPartnership(t, 'BENCH');
  const relay = t.app.get(OutboxRelay);
  const results: Results = { pgbenchTps: [], spine: [], rawJobsPerSecond: [], alarms: [] };
  await spineRun(api, seed, 3, CLIENTS); // warm-up (JIT, connection pools), not reported
  await relay.relayPending();
  for (let round = 1; round <= ROUNDS; round++) {
    results.pgbenchTps.push(await pgbench.tps(SECONDS));
    results.spine.push(await spineRun(api, seed, SECONDS, CLIENTS));
    await relay.relayPending(); // let the post-commit relay finish before the next baseline
    console.log(
      `round ${round}: pgbench ${fmt(results.pgbenchTps.at(-1)!)} tps, spine ${fmt(results.spine.at(-1)!.eventsPerSecond)} events/s`,
    );
  }
  for (let round = 1; round <= ROUNDS; round++) {
    results.rawJobsPerSecond.push(await rawBullmqJobsPerSecond(t.config, CLOCKS));
    const alarms = await alarmRound(t, CLOCKS, round);
    results.alarms.push(alarms);
    console.log(
      `round ${round}: raw add ${fmt(results.rawJobsPerSecond.at(-1)!)} jobs/s, scheduleClock ${fmt(alarms.jobs / alarms.scheduleSeconds)} jobs/s, ` +
        `sweep ${fmt(alarms.warmSweepSeconds)} s warm / ${fmt(alarms.coldSweepSeconds)} s cold`,
    );
  }
  return results;
}

function report(r: Results): string {
  const events = r.spine.map((s) => s.eventsPerSecond);
  const jobsPerClock = r.alarms[0].jobs / r.alarms[0].clocks;
  const scheduleJobs = r.alarms.map((a) => a.jobs / a.scheduleSeconds);
  const warmClocks = r.alarms.map((a) => a.clocks / a.warmSweepSeconds);
  const coldClocks = r.alarms.map((a) => a.clocks / a.coldSweepSeconds);
  /** Median of the per-round ratios: each engine run is compared with the baseline run just before it. */
  const ratio = (ours: number[], baseline: number[]) => fmt(median(ours.map((x, i) => x / baseline[i])));
  const rawCell = `raw \`Queue.add\`: ${fmt(median(r.rawJobsPerSecond))} jobs/s`;
  const sweepRow = (label: string, clocksPerSecond: number[]) => {
    const c = median(clocksPerSecond);
    const adds = clocksPerSecond.map((x) => x * jobsPerClock);
    return `| ${label} | ${rawCell} | ${fmt(c)} clocks/s (${fmt(c * jobsPerClock)} alarm adds/s) | ${ratio(adds, r.rawJobsPerSecond)} |`;
  };
  return [
    `| measurement | baseline (median of ${ROUNDS}) | ours (median of ${ROUNDS}) | ours / baseline (median of per-round ratios) |`,
    '| --- | --- | --- | --- |',
    `| 1. events through the spine, ${CLIENTS} HTTP clients × ${SECONDS} s | \`pgbench -N -c 4 -j 2 -T ${SECONDS}\`: ${fmt(median(r.pgbenchTps))} tps | ` +
      `${fmt(median(events))} events/s (Node process busy ${fmt(median(r.spine.map((s) => s.nodeCores)))} cores) | ${ratio(events, r.pgbenchTps)} |`,
    `| 2. alarm scheduling, ${CLOCKS} clocks via \`AlarmScheduler.scheduleClock\` | ${rawCell} | ` +
      `${fmt(median(scheduleJobs))} jobs/s = ${fmt(median(scheduleJobs) / jobsPerClock)} clocks/s (${fmt(jobsPerClock)} alarms per clock) | ` +
      `${ratio(scheduleJobs, r.rawJobsPerSecond)} |`,
    sweepRow(`3a. full sweep (\`ReconcileHandler.handle\`) over ${CLOCKS} open clocks, alarms already in Redis`, warmClocks),
    sweepRow('3b. the same sweep after the queue keys were deleted (Redis flush)', coldClocks),
    '',
    `Runs (${ROUNDS} each, baseline and ours alternating): pgbench tps ${runs(r.pgbenchTps)}; spine events/s ${runs(events)}; ` +
      `raw add jobs/s ${runs(r.rawJobsPerSecond)}; scheduleClock jobs/s ${runs(scheduleJobs)}; ` +
      `sweep clocks/s ${runs(warmClocks)} (warm), ${runs(coldClocks)} (cold).`,
    '',
    '- A pgbench `-N` **transaction** is `BEGIN; UPDATE pgbench_accounts; SELECT abalance; INSERT INTO pgbench_history; END`, ' +
      'a client round trip per statement, no hot row (scale 1; `-N` because tpcb-like would serialise 4 clients on the one branch row). ' +
      'pgbench is C and its clients share the 2 cores with Postgres.',
    '- One of our **events** is one HTTP request (`POST /api/reviews` or `POST /api/reviews/:id/events`, JSON over keep-alive `fetch` ' +
      'from the same Node process): the bearer token is checked and the role read, then one Postgres transaction (row lock, ' +
      '`expectedVersion`/role checks, XState `transition()`, snapshot update, history insert, clock rows, outbox rows), then the ' +
      'review view is read back; after commit the outbox relay runs its own transaction and adds the alarm jobs to BullMQ. ' +
      `Loop per client: create review → \`DECIDE_TO_COMMISSION\` → \`APPOINT_CHAIR\` × 8, again.`,
    "- Alarm jobs (both sides) are delayed `clock-alarm` jobs with the app's `jobOptions` (deterministic id, delay, retries), " +
      'added one at a time and awaited. Ours also reads the clock row and its sent steps from Postgres and plans the alarms.',
    '- Sweep ratios compare alarm adds/s (clocks/s × alarms per clock) with the raw add rate; in 3a every add finds its job ' +
      'already there and is a no-op in Redis.',
  ].join('\n');
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${TIME_LIMIT_MS / 60_000} min, giving up (scratch databases/keys may remain)`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  watchdog.unref();

  const loadAtStart = loadavg()[0]; // other work on the machine skews both sides: the ratios matter, not the absolutes
  const t = await startTestApp();
  let results: Results;
  try {
    const pgbench = await pgbenchDatabase(t.config.DATABASE_URL.replace(/\/[^/]*$/, ''));
    try {
      results = await measure(t, pgbench);
    } finally {
      await pgbench.drop();
    }
  } finally {
    await t.close();
  }

  const table = report(results);
  console.log(`\n${table}`);
  const machine = `${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, 1-min load average ${loadAtStart.toFixed(2)} at start`;
  const header = `# Benchmarks\n\n- date: ${new Date().toISOString()}\n- machine: ${machine}\n- command: \`${COMMAND}\` (or \`npm run bench\`)\n`;
  writeFileSync(join(__dirname, 'results.md'), `${header}\n${table}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
