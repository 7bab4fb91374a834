/**
 * Events/s against the floor: our events through HTTP (the spine loop of spine.bench.ts) against
 * pgbench running the same database steps on the product's own tables in a private migrated
 * database, once step by step (pgbench/event-steps.sql, a round trip per step as the product
 * does it) and once merged (pgbench/event-merged.sql, one locking read and one CTE, an audit chain
 * per review): the merged figure is the floor an event could approach. Rounds alternate.
 */
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dropDatabase, migrate } from '@dhr/core';
import { OutboxRelay } from '@dhr/jobs';
import { seedPartnership } from '../test/support/actors';
import { startTestApp } from '../test/support/test-app';
import { fmt, median, pgbenchTps, scratchId, serverUrlOf } from './baselines';
import type { BenchSection } from './section';
import { spineRun } from './spine.bench';

const CLIENTS = 4;
/** Reviews the pgbench clients pick from at random: enough that two rarely want the same row. */
const FLOOR_REVIEWS = 1000;
const GENESIS = '0'.repeat(64);

export interface FloorDatabase {
  url: string;
  /** The schema's audit entries are inserted unsealed, without a head lock (audit_entries.sealed_at exists). */
  sealing: boolean;
  drop(): Promise<void>;
}

/**
 * A private migrated database with one partnership, FLOOR_REVIEWS reviews referenced PGB/1…n carrying
 * `snapshot` (a real one, so the row is the product's size), the partnership's audit head and one head
 * per review (for the merged script's chain per review).
 */
export async function floorDatabase(serverUrl: string, snapshot: unknown): Promise<FloorDatabase> {
  const url = `${serverUrl}/bench_floor_${scratchId()}`;
  const drop = () => dropDatabase(url);
  await migrate(url);
  const db = new DataSource({ type: 'postgres', url });
  await db.initialize();
  try {
    const [partnership]: { id: string }[] = await db.query(
      `INSERT INTO partnerships (name, code) VALUES ('Floor CSP', 'PGB') RETURNING id`,
    );
    const [user]: { id: string }[] = await db.query(
      `INSERT INTO users (email, name, password_hash, role, partnership_id) VALUES ('floor@dhr.test', 'Floor', 'x', 'coordinator', $1) RETURNING id`,
      [partnership.id],
    );
    await db.query(
      `INSERT INTO reviews (reference, partnership_id, workflow_name, workflow_version, snapshot, stage, notified_at, notified_by,
                            death_date, victim_pseudonym, created_by)
       SELECT 'PGB/' || g, $1, 'dhr', 3, $2::jsonb, 'setup', now(), 'Floor Police', current_date, 'Adult A', $3
       FROM generate_series(1, $4) g`,
      [partnership.id, JSON.stringify(snapshot), user.id, FLOOR_REVIEWS],
    );
    await db.query(`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, $2)`, [partnership.id, GENESIS]);
    await db.query(`INSERT INTO audit_chain_heads (chain, seq, hash) SELECT id::text, 0, $1 FROM reviews`, [GENESIS]);
    await db.query('VACUUM ANALYZE');
    const sealed: unknown[] = await db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_entries' AND column_name = 'sealed_at'`,
    );
    return { url, drop, sealing: sealed.length > 0 };
  } catch (error) {
    await drop();
    throw error;
  } finally {
    await db.destroy();
  }
}

/** pgbench running one of the event scripts with CLIENTS clients, as many as our HTTP clients. */
export const eventScriptTps = (floor: FloorDatabase, script: 'event-steps' | 'event-merged', seconds: number) =>
  pgbenchTps(floor.url, seconds, [
    '-f',
    join(__dirname, 'pgbench', `${script}.sql`),
    '-D',
    `reviews=${FLOOR_REVIEWS}`,
    '-D',
    `sealing=${floor.sealing ? 1 : 0}`,
    '-c',
    String(CLIENTS),
    '-j',
    '2',
  ]);

export async function run(options: { scale: 'full' | 'quick' }): Promise<BenchSection[]> {
  const rounds = options.scale === 'full' ? 3 : 1;
  const seconds = options.scale === 'full' ? 10 : 3;
  const t = await startTestApp();
  const steps: number[] = [];
  const merged: number[] = [];
  const events: number[] = [];
  const cores: number[] = [];
  let auditKind: string | undefined;
  try {
    await t.app.listen(0, '127.0.0.1');
    const api = `${await t.app.getUrl()}/api`;
    const seed = await seedPartnership(t, 'BENCH');
    const relay = t.app.get(OutboxRelay);
    await spineRun(api, seed, 2, CLIENTS); // warm-up (JIT, pools), not reported
    await relay.relayPending();
    const [template]: { snapshot: unknown }[] = await t.app
      .get(DataSource)
      .query(`SELECT snapshot FROM reviews ORDER BY version DESC LIMIT 1`);
    const floor = await floorDatabase(serverUrlOf(t.config.DATABASE_URL), template.snapshot);
    auditKind = floor.sealing ? 'audit entry inserted unsealed (no head lock)' : "audit entry appended under the partnership's head lock";
    try {
      for (let round = 1; round <= rounds; round++) {
        steps.push(await eventScriptTps(floor, 'event-steps', seconds));
        merged.push(await eventScriptTps(floor, 'event-merged', seconds));
        const spine = await spineRun(api, seed, seconds, CLIENTS);
        await relay.relayPending(); // let the post-commit relay finish before the next baseline
        events.push(spine.eventsPerSecond);
        cores.push(spine.nodeCores);
        console.log(
          `events round ${round}: steps ${fmt(steps.at(-1)!)} tps, merged ${fmt(merged.at(-1)!)} tps, ours ${fmt(events.at(-1)!)} events/s`,
        );
      }
    } finally {
      await floor.drop();
    }
  } finally {
    await t.close();
  }
  /** Median of the per-round ratios: each of our runs against the baseline run just before it. */
  const ratio = (baseline: number[]) => median(events.map((x, i) => x / baseline[i]));
  const ours = `${fmt(median(events))} events/s (Node busy ${fmt(median(cores))} cores)`;
  const notes = [
    `${rounds} round(s) of ${seconds} s, ${CLIENTS} clients each side, medians; runs: ours ${events.map(fmt).join(' / ')}, ` +
      `steps ${steps.map(fmt).join(' / ')}, merged ${merged.map(fmt).join(' / ')} tps; the schema's ${auditKind}.`,
  ];
  const mergedRatio = ratio(merged);
  return [
    {
      name: `events through HTTP, ${CLIENTS} clients, vs the same steps in pgbench`,
      baseline: `pgbench event-steps.sql: ${fmt(median(steps))} tps`,
      ours,
      ratio: ratio(steps),
      notes,
    },
    {
      name: `events through HTTP, ${CLIENTS} clients, vs the merged floor`,
      baseline: `pgbench event-merged.sql: ${fmt(median(merged))} tps`,
      ours,
      ratio: mergedRatio,
      target: '≥ 0.5',
      met: mergedRatio >= 0.5,
    },
  ];
}
