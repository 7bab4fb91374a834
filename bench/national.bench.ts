/**
 * National scale: the product's own queries (national-queries.ts) on a generated national database
 * (national-data.ts), p50/p95 over ~200 varied calls in-process, against `pgbench -S` tps on the
 * same database in the same run. Each query's SQL is explained (ANALYZE, BUFFERS) into
 * bench/plans/*.txt, and a sequential scan of a big table fails the section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource, Logger } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { dropDatabase } from '@dhr/core';
import type { Role } from '@dhr/identity';
import { deleteQueueKeys, isolatedEnv } from '../test/support/test-app';
import { fmt, median, pgbenchTps } from './baselines';
import { dropStaleNationalDatabases, generateNational, NATIONAL_SIZES, nationalDatabaseReady, nationalDatabaseUrl } from './national-data';
import { NATIONAL_QUERIES, NationalDb, NationalQuery, NationalSample } from './national-queries';
import type { BenchSection } from './section';

/**
 * A sequential scan of a table this big in a measured query is a miss. (On a small table the planner
 * rightly prefers one: at quick scale 15,000 document versions are read faster whole than by 150 probes.)
 */
const BIG_TABLE_ROWS = 50_000;
const DEFAULT_TARGET_MS = 50;
const WARM_UP_CALLS = 10;
/** Samples explained per query: one of each of the caseload list's eight variants. */
const EXPLAINED = 8;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

interface SampleRow {
  id: string;
  role: Role;
  partnership_id: string;
  agency_id: string | null;
  review_id: string | null;
  term: string | null;
}

/** `calls` samples, the same on every run: 60% coordinators, 20% independent chairs, 20% agency contacts, interleaved. */
async function samples(db: DataSource, calls: number): Promise<NationalSample[]> {
  const pick = (role: Role, n: number): Promise<SampleRow[]> =>
    db.query(
      `SELECT u.id, u.role, u.partnership_id, u.agency_id,
              (SELECT r.id FROM reviews r WHERE r.partnership_id = u.partnership_id
                 AND (u.role <> 'agency_contact' OR u.agency_id = ANY(r.involved_agency_ids))
                 AND (u.role <> 'independent_chair' OR r.chair_user_id = u.id) LIMIT 1) AS review_id,
              (SELECT substring(r.reference from '[0-9]{4}/[0-9]{1,2}') FROM reviews r WHERE r.partnership_id = u.partnership_id
                 ORDER BY r.reference LIMIT 1) AS term
       FROM users u WHERE u.email LIKE '%@national.test' AND u.role = $1 ORDER BY md5(u.id::text) LIMIT $2`,
      [role, n],
    );
  const coordinators = await pick('coordinator', Math.ceil(calls * 0.6));
  const chairs = await pick('independent_chair', Math.ceil(calls * 0.2));
  const contacts = await pick('agency_contact', Math.ceil(calls * 0.2));
  const rows: SampleRow[] = [];
  for (let i = 0; rows.length < calls && i < calls; i++) {
    for (const list of [coordinators, coordinators, coordinators, chairs, contacts]) {
      const row = list.shift();
      if (row && rows.length < calls) rows.push(row);
    }
  }
  return rows.map((row, index) => ({
    index,
    actor: {
      userId: row.id,
      role: row.role,
      partnershipId: row.partnership_id,
      agencyId: row.agency_id,
      requestId: `bench-national-${index}`,
      sourceIp: null,
    },
    partnershipId: row.partnership_id,
    reviewId: row.review_id ?? '00000000-0000-4000-8000-000000000000',
    term: row.term ?? '2025',
  }));
}

/** Runs `work` with every SQL statement the data source issues captured (TypeORM's logger sees them all). */
async function captureSql(db: DataSource, work: () => Promise<unknown>): Promise<{ query: string; parameters?: unknown[] }[]> {
  const captured: { query: string; parameters?: unknown[] }[] = [];
  const original = db.logger;
  const capturing: Logger = Object.assign(Object.create(original) as Logger, {
    logQuery: (query: string, parameters?: unknown[]) => void captured.push({ query, parameters }),
  });
  (db as { logger: Logger }).logger = capturing;
  try {
    await work();
  } finally {
    (db as { logger: Logger }).logger = original;
  }
  return captured;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each read the query issued for the first samples, in a transaction rolled back. */
async function explain(
  db: NationalDb,
  query: NationalQuery,
  list: NationalSample[],
): Promise<{ text: string; seqScans: string[]; sqlMsPerCall: number }> {
  const sizes: { relname: string }[] = await db.dataSource.query(
    `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1`,
    [BIG_TABLE_ROWS],
  );
  const big = new Set(sizes.map((t) => t.relname));
  const parts: string[] = [];
  const seqScans = new Set<string>();
  let sqlMs = 0;
  const explained = list.slice(0, EXPLAINED);
  for (const sample of explained) {
    const statements = await captureSql(db.dataSource, () => query.run(db, sample));
    const reads = statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.query));
    for (const [i, statement] of reads.entries()) {
      const runner = db.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.query}`, statement.parameters);
        const plan = rows.map((r) => shorten(r['QUERY PLAN'])).join('\n');
        for (const match of plan.matchAll(/Seq Scan on (\w+)/g)) if (big.has(match[1])) seqScans.add(match[1]);
        sqlMs += Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
        parts.push(
          `## sample ${sample.index} (${sample.actor.role}), statement ${i + 1} of ${reads.length}\n\n${statement.query}\n` +
            `-- parameters: ${shorten(JSON.stringify(statement.parameters ?? []))}\n\n${plan}\n`,
        );
      } finally {
        await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
  }
  return { text: parts.join('\n'), seqScans: [...seqScans], sqlMsPerCall: sqlMs / Math.max(explained.length, 1) };
}

/** Long id lists (a page of 50 reviews, 150 documents) shortened: the plan is what matters. */
const shorten = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text);

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function run(options: { scale: 'full' | 'quick' }): Promise<BenchSection[]> {
  const size = NATIONAL_SIZES[options.scale];
  const calls = options.scale === 'full' ? 200 : 80;
  const pgbenchSeconds = options.scale === 'full' ? 10 : 3;
  const serverUrl = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const url = nationalDatabaseUrl(serverUrl, options.scale);
  for (const name of await dropStaleNationalDatabases(url, options.scale))
    console.log(`national: dropped ${name}, cached for an older schema`);
  const ready = await nationalDatabaseReady(url);
  if (!ready) await dropDatabase(url); // a generation that did not finish: start again

  const config = isolatedEnv({ DATABASE_URL: url, SWEEP_INTERVAL_SECONDS: '3600' });
  let app: INestApplication | undefined;
  const sections: BenchSection[] = [];
  try {
    app = await createApiApp(config, { logger: false });
    await app.init();
    const generated = ready ? null : await generateNational(app, url, size, (line) => console.log(line));
    const dataSource = app.get(DataSource);
    const db: NationalDb = { app, dataSource };
    const list = await samples(dataSource, calls);
    const [counts]: Record<string, string>[] = await dataSource.query(
      `SELECT (SELECT count(*) FROM reviews) AS reviews, (SELECT count(*) FROM partnerships) AS partnerships,
              (SELECT count(*) FROM agencies) AS agencies, (SELECT count(*) FROM clocks) AS clocks,
              (SELECT count(*) FROM review_events) AS history, (SELECT count(*) FROM documents) AS documents`,
    );
    const tps = await pgbenchTps(url, pgbenchSeconds, ['-S', '-c', '1', '-j', '1']);
    const data =
      `${Number(counts.reviews).toLocaleString('en-GB')} reviews, ${counts.partnerships} partnerships, ${Number(counts.agencies).toLocaleString('en-GB')} agencies, ` +
      `${Number(counts.clocks).toLocaleString('en-GB')} clocks, ${Number(counts.history).toLocaleString('en-GB')} history rows, ` +
      `${Number(counts.documents).toLocaleString('en-GB')} documents (${generated === null ? 'cached database' : `generated in ${fmt(generated)} s`})`;
    mkdirSync(join(__dirname, 'plans'), { recursive: true });

    for (const query of NATIONAL_QUERIES) {
      const target = query.targetP95Ms ?? DEFAULT_TARGET_MS;
      for (const sample of list.slice(0, WARM_UP_CALLS)) await query.run(db, sample);
      const ms: number[] = [];
      const cpu = process.cpuUsage();
      for (const sample of list) {
        const started = performance.now();
        await query.run(db, sample);
        ms.push(performance.now() - started);
      }
      const used = process.cpuUsage(cpu);
      const cpuMsPerCall = (used.user + used.system) / 1000 / ms.length;
      const sorted = [...ms].sort((a, b) => a - b);
      const p50 = median(ms);
      const p95 = percentile(sorted, 0.95);
      const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
      const plan = await explain(db, query, list);
      const planFile = `bench/plans/${slug(query.name)}.txt`;
      writeFileSync(
        join(__dirname, '..', planFile),
        `# ${query.name}: EXPLAIN (ANALYZE, BUFFERS) at ${options.scale} scale, ${new Date().toISOString()}\n# ${data}\n\n${plan.text}`,
      );
      console.log(`national: ${query.name} p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms; plans in ${planFile}`);
      sections.push({
        name: `${query.name} at national scale, ${ms.length} varied calls in-process`,
        baseline: `\`pgbench -S\` (1 client) on the same database: ${fmt(tps)} tps`,
        ours: `p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (${fmt(1000 / mean)} calls/s)`,
        ratio: 1000 / mean / tps,
        target: `p95 ≤ ${target} ms, no seq scan on a big table`,
        met: p95 <= target && plan.seqScans.length === 0,
        notes: [
          data,
          'ratio is calls/s of one sequential caller ÷ pgbench -S tps of one client.',
          `where a call's time goes: Node CPU ${fmt(cpuMsPerCall)} ms per call (this process: the services, TypeORM, pg); ` +
            `Postgres execution ${fmt(plan.sqlMsPerCall)} ms per call (sum of EXPLAIN ANALYZE execution times over its reads, mean of ${EXPLAINED} samples); ` +
            'the rest is round trips and waiting for a core.',
          plan.seqScans.length > 0
            ? `sequential scans on ${plan.seqScans.join(', ')} (tables of ≥ ${BIG_TABLE_ROWS.toLocaleString('en-GB')} rows; see ${planFile})`
            : `no sequential scan on a big table (plans in ${planFile})`,
        ],
      });
    }
  } finally {
    await app?.close();
    await deleteQueueKeys(config);
  }
  return sections;
}
